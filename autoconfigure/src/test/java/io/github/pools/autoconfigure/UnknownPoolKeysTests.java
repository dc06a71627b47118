package io.github.pools.autoconfigure;

import java.util.Map;

import io.github.pools.process.ProcessPoolManager;
import io.github.pools.thread.ThreadPoolManager;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that a key under {@code pools.*} that Pools does not know, a misspelt one
 * typically, fails startup with one message naming it and the nearest valid key, instead
 * of starting as if it were unset.
 */
class UnknownPoolKeysTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PoolsAutoConfiguration.class));

	@Test
	void misspeltKeyOfAThreadPoolFailsNamingTheNearestValidKey() {
		this.contextRunner.withPropertyValues("pools.thread.typo.max-sise=3")
			.run((context) -> assertAnalysis(context, "pools.thread.typo.max-sise", "3",
					"is not a key of a thread pool; did you mean 'max-size'?"));
	}

	@Test
	void relaxedFormsOfAKeyAreNotMisspelt() {
		// Spring Boot's relaxed binding: dashes and case do not matter.
		this.contextRunner.withPropertyValues("pools.thread.io.maxsize=3", "pools.thread.io.queueCapacity=7")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean("io", ThreadPoolManager.class).stats().maxSize()).isEqualTo(3);
				assertThat(context.getBean("io", ThreadPoolManager.class).stats().queueCapacity()).isEqualTo(7);
			});
	}

	@Test
	void listOfAProcessPoolWrittenAsAMapFailsNamingTheList() {
		this.contextRunner.withPropertyValues("pools.process.x.jvm-args.heap=-Xmx1g")
			.run((context) -> assertAnalysis(context, "pools.process.x.jvm-args.heap", "-Xmx1g",
					"is not a key of a process pool; did you mean 'jvm-args'? It is a list: "
							+ "'jvm-args: [a, b]' in YAML, 'jvm-args[0]=a' in properties"));
	}

	@Test
	void misspeltNestedKeyFailsNamingTheNestedKey() {
		this.contextRunner.withPropertyValues("pools.thread.io.shutdown.await-terminaton-period=5s")
			.run((context) -> assertAnalysis(context, "pools.thread.io.shutdown.await-terminaton-period", "5s",
					"did you mean 'shutdown.await-termination-period'?"));
	}

	@Test
	void keyFarFromEveryValidKeyFailsListingTheValidKeys() {
		this.contextRunner.withPropertyValues("pools.thread.io.colour=blue")
			.run((context) -> assertAnalysis(context, "pools.thread.io.colour", "blue",
					"is not a key of a thread pool; valid keys: task-type, core-size, max-size"));
	}

	@Test
	void misspeltKeyOfAClusterPoolFailsNamingTheNearestValidKey() {
		this.contextRunner.withPropertyValues("pools.cluster.grid.threads-per-membr=3")
			.run((context) -> assertAnalysis(context, "pools.cluster.grid.threads-per-membr", "3",
					"is not a key of a cluster pool; did you mean 'threads-per-member'?"));
	}

	@Test
	void misspeltKindFailsNamingTheKinds() {
		this.contextRunner.withPropertyValues("pools.threads.io.max-size=3")
			.run((context) -> assertAnalysis(context, "pools.threads.io.max-size", "3",
					"is not a key of Pools; did you mean 'pools.thread'?"));
	}

	@Test
	void removedResizeEnabledKeyFailsNamingItsReplacement() {
		this.contextRunner.withPropertyValues("pools.management.resize-enabled=true")
			.run((context) -> assertAnalysis(context, "pools.management.resize-enabled", "true",
					"was replaced by Spring Boot's management.endpoint.pools.access=unrestricted"));
	}

	@Test
	void analysisTellsWhereTheKeyWasSetAndWhatToDo() {
		this.contextRunner.withPropertyValues("pools.thread.typo.max-sise=3").run((context) -> {
			FailureAnalysis analysis = new PoolConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("Origin: ");
			assertThat(analysis.getAction())
				.isEqualTo("Update 'pools.thread.typo.max-sise' in your application's configuration.");
		});
	}

	@Test
	void everyValidKeyIsAccepted() {
		this.contextRunner.withPropertyValues("pools.thread.io.task-type=io", "pools.thread.io.core-size=1",
				"pools.thread.io.max-size=2", "pools.thread.io.queue-capacity=3", "pools.thread.io.keep-alive=5s",
				"pools.thread.io.allow-core-thread-timeout=false", "pools.thread.io.thread-name-prefix=x-",
				"pools.thread.io.daemon=true", "pools.thread.io.rejection-policy=caller-runs",
				"pools.thread.io.prestart=false", "pools.thread.io.max-tasks-per-worker=9",
				"pools.thread.io.decorate-tasks=false", "pools.thread.io.shutdown.await-termination=true",
				"pools.thread.io.shutdown.await-termination-period=1s", "pools.thread.io.metrics.task-timers=false",
				"pools.thread[my.pool].max-size=1", "pools.process.render.task-type=render",
				"pools.process.render.max-size=1", "pools.process.render.jvm-args[0]=-Xmx64m",
				"pools.process.render.jvm-args[1]=-XX:+UseSerialGC", "pools.process.render.environment.FOO=bar",
				"pools.process.render.allowed-classes=com.example.**,org.example.**",
				"pools.process.render.max-message-size=1MB", "pools.process.render.start-timeout=10s",
				"pools.management.events.enabled=true", "pools.management.events.window=5s")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean("io", ThreadPoolManager.class).stats().maxSize()).isEqualTo(2);
				assertThat(context.getBean("my.pool")).isInstanceOf(ThreadPoolManager.class);
				assertThat(context.getBean("render")).isInstanceOf(ProcessPoolManager.class);
			});
	}

	@Test
	void environmentVariablesAreNotCheckedAndStillBind() {
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource(
						StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						Map.of("POOLS_THREAD_IO_MAXSIZE", "2", "POOLS_THREAD_IO_QUEUE_CAPACITY", "7"))))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean("io", ThreadPoolManager.class).stats().maxSize()).isEqualTo(2);
			});
	}

	private static void assertAnalysis(AssertableApplicationContext context, String property, String value,
			String reason) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new PoolConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).as("failure analysis of %s", context.getStartupFailure()).isNotNull();
		assertThat(analysis.getDescription()).startsWith("Invalid pool configuration:")
			.contains("Property: " + property)
			.contains("Value: \"" + value + "\"")
			.contains(reason);
	}

}
