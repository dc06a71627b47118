package io.github.pools.autoconfigure.observation;

import io.github.pools.autoconfigure.ProcessPoolManagerCustomizer;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the observation of process tasks, for an
 * {@code ObservationRegistry} bean: every configured process pool runs each task in an
 * observation ({@link ProcessTaskObservations}), and with Micrometer Tracing carries the
 * task's span into its worker JVM.
 * <p>
 * Micrometer is named, not referenced, in the annotations: a class literal of a class
 * that is absent makes every startup log a {@code TypeNotPresentException}.
 */
@AutoConfiguration(afterName = {
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration" })
@ConditionalOnClass(name = PoolsObservationAutoConfiguration.OBSERVATION_REGISTRY)
@ConditionalOnBean(type = PoolsObservationAutoConfiguration.OBSERVATION_REGISTRY)
public final class PoolsObservationAutoConfiguration {

	static final String OBSERVATION_REGISTRY = "io.micrometer.observation.ObservationRegistry";

	@Bean
	ProcessPoolManagerCustomizer poolsProcessTaskObservations(ObjectProvider<ObservationRegistry> registry) {
		return (builder) -> builder.taskObserver(new ProcessTaskObservations(registry.getObject()));
	}

}
