package io.github.pools.autoconfigure.observation;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.pools.autoconfigure.PoolsAutoConfiguration;
import io.github.pools.autoconfigure.ProcessPoolManagerCustomizer;
import io.github.pools.process.ProcessPoolManager;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link PoolsObservationAutoConfiguration}.
 */
class PoolsObservationAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, PoolsAutoConfiguration.class,
				PoolsObservationAutoConfiguration.class))
		.withPropertyValues("pools.process.render.task-type=render", "pools.process.render.max-size=1");

	@AfterEach
	void noWorkerLeftBehind() {
		await("worker JVMs left behind").atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.current()
			.descendants()
			.filter(ProcessHandle::isAlive)
			.noneMatch((process) -> process.info().commandLine().orElse("").contains("WorkerMain")));
	}

	@Test
	void configuredProcessPoolObservesItsTasksInTheApplicationsRegistry() {
		this.contextRunner.withUserConfiguration(RecordingHandler.class).run((context) -> {
			assertThat(context).hasSingleBean(ObservationRegistry.class);
			ProcessPoolManager render = context.getBean("render", ProcessPoolManager.class);
			assertThat(render.submit("render", () -> 6 * 7).get(30, TimeUnit.SECONDS)).isEqualTo(42);
			List<Observation.Context> stopped = context.getBean(RecordingHandler.class).stopped;
			await().atMost(Duration.ofSeconds(10)).until(() -> !stopped.isEmpty());
			Observation.Context task = stopped.get(0);
			assertThat(task.getName()).isEqualTo(ProcessTaskObservations.NAME);
			assertThat(task.getLowCardinalityKeyValues()).contains(KeyValue.of("name", "render"),
					KeyValue.of("task.type", "render"));
		});
	}

	@Test
	void withoutAnObservationRegistryPoolsAreNotObserved() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PoolsObservationAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ProcessPoolManagerCustomizer.class));
	}

	@Test
	void withoutMicrometerObservationPoolsStartUnobserved() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.observation"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasBean("render")
				.doesNotHaveBean(ProcessPoolManagerCustomizer.class));
	}

	/** A configuration that is itself the handler, so the registry picks it up as a bean. */
	@Configuration(proxyBeanMethods = false)
	static class RecordingHandler implements ObservationHandler<Observation.Context> {

		final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

		@Override
		public void onStop(Observation.Context context) {
			this.stopped.add(context);
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

}
