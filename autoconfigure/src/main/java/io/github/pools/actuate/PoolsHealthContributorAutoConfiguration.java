package io.github.pools.actuate;

import io.github.pools.PoolRegistry;
import io.github.pools.autoconfigure.PoolsAutoConfiguration;
import io.github.pools.autoconfigure.PoolsLifecycle;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code pools} health contributor, switched off with
 * {@code management.health.pools.enabled=false}. Whether the application "runs", which
 * decides the status of a pool that is new or stopped, is read from the
 * {@link PoolsLifecycle} bean; without one the application is taken to run.
 * spring-boot-health is optional, so its classes are named, not referenced, in the
 * class-level annotations.
 */
@AutoConfiguration(after = PoolsAutoConfiguration.class,
		beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.Health")
@ConditionalOnBean(PoolRegistry.class)
public final class PoolsHealthContributorAutoConfiguration {

	// The health condition sits on the method: it is evaluated only once the class
	// condition has found spring-boot-health, so its own class can be loaded.

	@Bean
	@ConditionalOnEnabledHealthIndicator("pools")
	@ConditionalOnMissingBean(name = "poolsHealthContributor")
	PoolsHealthContributor poolsHealthContributor(PoolRegistry poolRegistry,
			ObjectProvider<PoolsLifecycle> lifecycle) {
		PoolsLifecycle pools = lifecycle.getIfAvailable();
		return new PoolsHealthContributor(poolRegistry, (pools != null) ? pools::isRunning : () -> true);
	}

}
