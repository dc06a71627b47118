package io.github.pools.actuate;

import io.github.pools.PoolRegistry;
import io.github.pools.autoconfigure.PoolsAutoConfiguration;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code pools} Actuator endpoint: read-only by default, with
 * the resize operation of {@link ResizablePoolsEndpoint} when
 * {@code pools.management.resize-enabled} is {@code true}. Exposed over HTTP like any
 * endpoint, with {@code management.endpoints.web.exposure.include}.
 */
@AutoConfiguration(after = PoolsAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(PoolRegistry.class)
public final class PoolsEndpointAutoConfiguration {

	// The endpoint conditions sit on the methods: they are evaluated only once the class
	// condition has found Actuator, so their own classes can be loaded.

	@Bean
	@ConditionalOnAvailableEndpoint(PoolsEndpoint.class)
	@ConditionalOnMissingBean(PoolsEndpoint.class)
	@ConditionalOnBooleanProperty(name = "pools.management.resize-enabled", havingValue = false, matchIfMissing = true)
	PoolsEndpoint poolsEndpoint(PoolRegistry poolRegistry) {
		return new PoolsEndpoint(poolRegistry);
	}

	@Bean
	@ConditionalOnAvailableEndpoint(PoolsEndpoint.class)
	@ConditionalOnMissingBean(PoolsEndpoint.class)
	@ConditionalOnBooleanProperty("pools.management.resize-enabled")
	ResizablePoolsEndpoint resizablePoolsEndpoint(PoolRegistry poolRegistry) {
		return new ResizablePoolsEndpoint(poolRegistry);
	}

}
