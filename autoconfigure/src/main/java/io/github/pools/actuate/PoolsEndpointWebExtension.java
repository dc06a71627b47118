package io.github.pools.actuate;

import io.github.pools.actuate.PoolsEndpoint.PoolDescriptor;

import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * {@link EndpointWebExtension @EndpointWebExtension} for the {@link PoolsEndpoint}: over
 * HTTP, resizing an unknown pool answers 404, as reading one does. (Actuator answers a
 * write operation's {@code null} result with 204, so the status is set here.)
 */
@EndpointWebExtension(endpoint = PoolsEndpoint.class)
public class PoolsEndpointWebExtension {

	private final PoolsEndpoint delegate;

	/**
	 * Create a new instance.
	 * @param delegate the endpoint
	 */
	public PoolsEndpointWebExtension(PoolsEndpoint delegate) {
		this.delegate = delegate;
	}

	/**
	 * Change one pool's core and maximum size, see
	 * {@link PoolsEndpoint#resize(String, int, int)}.
	 * @param name the pool name
	 * @param coreSize the new core size
	 * @param maxSize the new maximum size
	 * @return the pool after the change, or a 404 response if no pool has that name
	 */
	@WriteOperation
	public WebEndpointResponse<PoolDescriptor> resize(@Selector String name, int coreSize, int maxSize) {
		PoolDescriptor pool = this.delegate.resize(name, coreSize, maxSize);
		return (pool != null) ? new WebEndpointResponse<>(pool)
				: new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
	}

}
