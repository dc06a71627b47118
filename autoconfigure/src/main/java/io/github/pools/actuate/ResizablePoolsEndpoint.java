package io.github.pools.actuate;

import io.github.pools.InvalidPoolSettingException;
import io.github.pools.ManagerNotFoundException;
import io.github.pools.PoolManager;
import io.github.pools.PoolRegistry;
import io.github.pools.PoolStats;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@link PoolsEndpoint} with a write operation that changes a pool's core and
 * maximum size while it runs: {@code POST /actuator/pools/{name}} with a JSON body
 * {@code {"coreSize": 2, "maxSize": 8}}. Used only when
 * {@code pools.management.resize-enabled} is {@code true}; protect it as you protect
 * every other write operation of Actuator.
 * <p>
 * The sizes are validated exactly as at startup ({@link PoolManager#resize(int, int)}):
 * a value that breaks a rule answers 400 with the rule and changes nothing, and so does
 * an unknown pool name (a write to a missing resource is a bad request here, as a
 * {@code null} result would answer 204). An applied
 * change is logged at INFO. The queue capacity cannot be changed: a bounded queue that
 * holds more tasks than a smaller capacity would have to drop accepted tasks or stay
 * over its bound, and growing it means replacing the queue under running workers; change
 * it in configuration and restart.
 */
public class ResizablePoolsEndpoint extends PoolsEndpoint {

	private static final Log logger = LogFactory.getLog(ResizablePoolsEndpoint.class);

	/**
	 * Create a new instance.
	 * @param registry the pools to show and resize
	 */
	public ResizablePoolsEndpoint(PoolRegistry registry) {
		super(registry);
	}

	/**
	 * Change one pool's core and maximum size. Threads above a smaller size end when
	 * they are next idle; running tasks are never interrupted.
	 * @param name the pool name
	 * @param coreSize the new core size, at least 0
	 * @param maxSize the new maximum size, at least 1 and at least {@code coreSize}
	 * @return the pool after the change
	 * @throws InvalidEndpointRequestException (a 400 over HTTP) if no pool has that name
	 * or a size breaks a rule
	 */
	@WriteOperation
	public PoolDescriptor resize(@Selector String name, int coreSize, int maxSize) {
		PoolManager pool;
		PoolStats before;
		try {
			pool = getRegistry().get(name);
			before = pool.stats();
			pool.resize(coreSize, maxSize);
		}
		catch (ManagerNotFoundException | InvalidPoolSettingException ex) {
			throw new InvalidEndpointRequestException(ex.getMessage(), ex.getMessage(), ex);
		}
		PoolStats after = pool.stats();
		logger.info("Pool '" + name + "' resized through the pools endpoint: core size " + before.coreSize() + " -> "
				+ after.coreSize() + ", max size " + before.maxSize() + " -> " + after.maxSize());
		return describe(after);
	}

}
