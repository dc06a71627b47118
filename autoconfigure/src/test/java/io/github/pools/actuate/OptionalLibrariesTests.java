package io.github.pools.actuate;

import java.util.concurrent.TimeUnit;

import io.github.pools.autoconfigure.event.PoolEventPublisher;
import io.github.pools.thread.ThreadPoolManager;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the starter works with any of its optional libraries missing: every
 * auto-configuration it registers in its {@code AutoConfiguration.imports} is loaded, as
 * in an application, and the class path
 * lacks Actuator, spring-boot-health or Micrometer.
 */
class OptionalLibrariesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class))
		.withConfiguration(AutoConfigurations.of(ImportCandidates
			.load(AutoConfiguration.class, OptionalLibrariesTests.class.getClassLoader())
			.getCandidates()
			.stream()
			.filter((name) -> name.startsWith("io.github.pools."))
			.map(OptionalLibrariesTests::load)
			.toArray(Class<?>[]::new)))
		.withPropertyValues("pools.thread.io.max-size=1", "management.endpoints.web.exposure.include=pools");

	@Test
	void withEveryLibraryEveryConcernIsConfigured() {
		this.contextRunner.run((context) -> {
			assertPoolsWork(context);
			assertThat(context).hasSingleBean(PoolsEndpoint.class)
				.hasSingleBean(PoolsHealthContributor.class)
				.hasSingleBean(PoolMetrics.class)
				.hasSingleBean(PoolEventPublisher.class);
		});
	}

	@Test
	void withoutActuatorAndHealthPoolsMetricsAndEventsStillWork() {
		this.contextRunner
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate", "org.springframework.boot.health"))
			.run((context) -> {
				assertPoolsWork(context);
				assertThat(context).doesNotHaveBean(PoolsEndpoint.class)
					.doesNotHaveBean(PoolsHealthContributor.class)
					.hasSingleBean(PoolMetrics.class)
					.hasSingleBean(PoolEventPublisher.class);
			});
	}

	@Test
	void withoutMicrometerTheEndpointAndHealthStillWork() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer")).run((context) -> {
			assertPoolsWork(context);
			assertThat(context).doesNotHaveBean(PoolMetrics.class)
				.hasSingleBean(PoolsEndpoint.class)
				.hasSingleBean(PoolsHealthContributor.class);
		});
	}

	@Test
	void withNoOptionalLibraryPoolsStillWork() {
		this.contextRunner
			.withClassLoader(new FilteredClassLoader("io.micrometer", "org.springframework.boot.actuate",
					"org.springframework.boot.health"))
			.run((context) -> {
				assertPoolsWork(context);
				assertThat(context).doesNotHaveBean(PoolMetrics.class)
					.doesNotHaveBean(PoolsEndpoint.class)
					.doesNotHaveBean(PoolsHealthContributor.class);
			});
	}

	private static void assertPoolsWork(AssertableApplicationContext context) throws Exception {
		assertThat(context).hasNotFailed();
		ThreadPoolManager io = context.getBean("io", ThreadPoolManager.class);
		assertThat(io.submit(null, () -> "works").get(10, TimeUnit.SECONDS)).isEqualTo("works");
	}

	private static Class<?> load(String name) {
		try {
			return Class.forName(name, false, OptionalLibrariesTests.class.getClassLoader());
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
