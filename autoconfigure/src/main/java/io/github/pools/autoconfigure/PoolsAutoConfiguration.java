package io.github.pools.autoconfigure;

import io.github.pools.DefaultPoolRegistry;
import io.github.pools.PoolRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureOrder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

/**
 * Auto-configuration of Pools: a {@link PoolRegistry}, one bean per pool declared under
 * {@code pools.*}, and their life cycle. Ordered last so that a pool name that clashes
 * with any other bean is reported at startup.
 */
@AutoConfiguration
@AutoConfigureOrder(Ordered.LOWEST_PRECEDENCE - 100)
@EnableConfigurationProperties(PoolsProperties.class)
@Import(PoolBeanRegistrar.class)
public final class PoolsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(PoolRegistry.class)
	DefaultPoolRegistry poolRegistry() {
		return new DefaultPoolRegistry();
	}

	@Bean
	@ConditionalOnMissingBean
	PoolsLifecycle poolsLifecycle(PoolRegistry poolRegistry) {
		return new PoolsLifecycle(poolRegistry);
	}

}
