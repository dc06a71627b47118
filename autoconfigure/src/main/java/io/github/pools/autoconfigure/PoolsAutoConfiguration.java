package io.github.pools.autoconfigure;

import io.github.pools.DefaultPoolRegistry;
import io.github.pools.PoolRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of Pools: a {@link PoolRegistry}, one bean per pool declared under
 * {@code pools.*}, and their life cycle. The pool beans are registered by
 * {@link PoolBeanRegistrar} once every configuration class has been read, so that a pool
 * name that clashes with any other bean is reported at startup, and from the
 * configuration of each run, also when the application runs from code generated ahead of
 * time.
 */
@AutoConfiguration
@EnableConfigurationProperties(PoolsProperties.class)
public final class PoolsAutoConfiguration {

	@Bean
	static PoolBeanRegistrar poolBeanRegistrar(Environment environment) {
		return new PoolBeanRegistrar(environment);
	}

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
