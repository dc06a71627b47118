package io.github.pools.autoconfigure.event;

import io.github.pools.PoolRegistry;
import io.github.pools.autoconfigure.PoolConfigurationException;
import io.github.pools.autoconfigure.PoolsAutoConfiguration;
import io.github.pools.autoconfigure.PoolsProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of {@link PoolEvent}s: a {@link PoolEventPublisher} that watches
 * every pool of the {@link PoolRegistry}. Switched off with
 * {@code pools.management.events.enabled=false}.
 */
@AutoConfiguration(after = PoolsAutoConfiguration.class)
@ConditionalOnBean(PoolRegistry.class)
@ConditionalOnBooleanProperty(name = "pools.management.events.enabled", matchIfMissing = true)
public final class PoolEventsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PoolEventPublisher poolEventPublisher(PoolRegistry poolRegistry, ApplicationEventPublisher publisher,
			PoolsProperties properties) {
		return new PoolEventPublisher(poolRegistry, publisher, settings(properties.getManagement().getEvents()));
	}

	private static PoolEventPublisher.Settings settings(PoolsProperties.Events events) {
		check("window", events.getWindow().isNegative() || events.getWindow().isZero(), events.getWindow(),
				"must be longer than zero");
		check("crash-loop-window", events.getCrashLoopWindow().isNegative() || events.getCrashLoopWindow().isZero(),
				events.getCrashLoopWindow(), "must be longer than zero");
		check("rejection-burst-threshold", events.getRejectionBurstThreshold() < 1,
				events.getRejectionBurstThreshold(), "must be at least 1");
		check("crash-loop-threshold", events.getCrashLoopThreshold() < 1, events.getCrashLoopThreshold(),
				"must be at least 1");
		return new PoolEventPublisher.Settings(events.getWindow(), events.getRejectionBurstThreshold(),
				events.getCrashLoopThreshold(), events.getCrashLoopWindow());
	}

	private static void check(String key, boolean broken, Object value, String rule) {
		if (broken) {
			throw new PoolConfigurationException("pools.management.events." + key, value, rule, null, null);
		}
	}

}
