package io.github.pools.actuate;

import io.github.pools.PoolRegistry;
import io.github.pools.autoconfigure.PoolsAutoConfiguration;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code pools} Actuator endpoint and its web extension.
 * Exposed like any endpoint ({@code management.endpoints.web.exposure.include}); read-only
 * unless {@code management.endpoint.pools.access=unrestricted}, which offers resizing.
 */
@AutoConfiguration(after = PoolsAutoConfiguration.class)
@ConditionalOnClass(name = { "org.springframework.boot.actuate.endpoint.annotation.Endpoint",
		"org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint" })
@ConditionalOnBean(PoolRegistry.class)
public final class PoolsEndpointAutoConfiguration {

	// The endpoint conditions sit on the methods: they are evaluated only once the class
	// condition has found Actuator, so their own classes can be loaded.

	@Bean
	@ConditionalOnAvailableEndpoint(PoolsEndpoint.class)
	@ConditionalOnMissingBean
	PoolsEndpoint poolsEndpoint(PoolRegistry poolRegistry) {
		return new PoolsEndpoint(poolRegistry);
	}

	@Bean
	@ConditionalOnAvailableEndpoint(endpoint = PoolsEndpoint.class, exposure = EndpointExposure.WEB)
	@ConditionalOnBean(PoolsEndpoint.class)
	@ConditionalOnMissingBean
	PoolsEndpointWebExtension poolsEndpointWebExtension(PoolsEndpoint poolsEndpoint) {
		return new PoolsEndpointWebExtension(poolsEndpoint);
	}

}
