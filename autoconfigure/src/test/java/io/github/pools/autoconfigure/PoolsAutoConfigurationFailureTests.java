package io.github.pools.autoconfigure;

import io.github.pools.thread.ThreadPoolManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that bad {@code pools.*} configuration fails startup with one clear message
 * naming the property and the rule, never a silently corrected value.
 */
class PoolsAutoConfigurationFailureTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PoolsAutoConfiguration.class));

	@Test
	void maxSizeBelowOneShouldFail() {
		assertFailure("pools.thread.io.max-size=0", "pools.thread.io.max-size", "0", "must be at least 1");
	}

	@Test
	void maxSizeBelowCoreSizeShouldFail() {
		this.contextRunner.withPropertyValues("pools.thread.io.core-size=8", "pools.thread.io.max-size=4")
			.run((context) -> assertAnalysis(context, "pools.thread.io.max-size", "4",
					"must be at least core-size (8)"));
	}

	@Test
	void negativeCoreSizeShouldFail() {
		assertFailure("pools.thread.io.core-size=-1", "pools.thread.io.core-size", "-1", "must be at least 0");
	}

	@Test
	void negativeQueueCapacityShouldFail() {
		assertFailure("pools.thread.io.queue-capacity=-5", "pools.thread.io.queue-capacity", "-5",
				"must be at least 0");
	}

	@Test
	void zeroKeepAliveShouldFail() {
		assertFailure("pools.thread.io.keep-alive=0s", "pools.thread.io.keep-alive", "PT0S",
				"must be longer than zero");
	}

	@Test
	void negativeKeepAliveShouldFail() {
		assertFailure("pools.thread.io.keep-alive=-1s", "pools.thread.io.keep-alive", "PT-1S",
				"must be longer than zero");
	}

	@Test
	void negativeAwaitTerminationPeriodShouldFail() {
		assertFailure("pools.thread.io.shutdown.await-termination-period=-1s",
				"pools.thread.io.shutdown.await-termination-period", "PT-1S", "must not be negative");
	}

	@Test
	void negativeMaxTasksPerWorkerShouldFail() {
		assertFailure("pools.thread.io.max-tasks-per-worker=-1", "pools.thread.io.max-tasks-per-worker", "-1",
				"must be at least 0");
	}

	@Test
	void blankTaskTypeShouldFail() {
		assertFailure("pools.thread.io.task-type=", "pools.thread.io.task-type", "''",
				"must not be blank; leave it unset for a pool that accepts every task");
	}

	@Test
	void blankThreadNamePrefixShouldFail() {
		assertFailure("pools.thread.io.thread-name-prefix=", "pools.thread.io.thread-name-prefix", "''",
				"must not be blank");
	}

	@Test
	@EnabledForJreRange(max = JRE.JAVA_20)
	void virtualThreadsOnJava17ShouldFail() {
		this.contextRunner.withPropertyValues("pools.thread.io.virtual-threads=true")
			.run((context) -> assertAnalysis(context, "pools.thread.io.virtual-threads", "true",
					"is not possible: virtual threads need Java 21 or later"));
	}

	@Test
	void unknownRejectionPolicyShouldFailBindingAndListValidValues() {
		this.contextRunner.withPropertyValues("pools.thread.io.rejection-policy=drop-it").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("drop-it");
			BindException bind = findCause(context.getStartupFailure(), BindException.class);
			assertThat(bind).isNotNull();
			assertThat(bind.getProperty().getName().toString()).isEqualTo("pools.thread.io.rejection-policy");
		});
	}

	@Test
	void poolNameClashingWithAnExistingBeanShouldFail() {
		this.contextRunner.withPropertyValues("pools.thread.dataStore.max-size=1")
			.withBean("dataStore", String.class, () -> "not a pool")
			.run((context) -> {
				assertAnalysis(context, "pools.thread.dataStore", "dataStore",
						"is a pool name that is already a bean defined in");
				FailureAnalysis analysis = new PoolConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("Origin: ");
			});
	}

	@Test
	void poolNamedLikeOneOfPoolsOwnBeansShouldFail() {
		assertFailure("pools.thread.poolMetrics.max-size=1", "pools.thread.poolMetrics", "poolMetrics",
				"is the name of one of Pools' own beans");
	}

	@Test
	void invalidValueFromACustomizerShouldFailWithTheSettingAndPool() {
		this.contextRunner.withPropertyValues("pools.thread.io.max-size=2")
			.withBean(ThreadPoolManagerCustomizer.class, () -> (builder) -> builder.maxSize(0))
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new InvalidPoolSettingFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("Pool 'io' cannot be built")
					.contains("Setting: max-size")
					.contains("Value: \"0\"")
					.contains("Reason: must be at least 1");
			});
	}

	@Test
	void failureAnalysisNamesWhereTheValueWasSet() {
		this.contextRunner.withPropertyValues("pools.thread.io.max-size=0").run((context) -> {
			FailureAnalysis analysis = new PoolConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("Origin: ");
			assertThat(analysis.getAction()).isEqualTo(
					"Update 'pools.thread.io.max-size' in your application's configuration.");
		});
	}

	@Test
	void validConfigurationOfTheSameShapeStarts() {
		this.contextRunner.withPropertyValues("pools.thread.io.core-size=0", "pools.thread.io.max-size=1",
				"pools.thread.io.queue-capacity=0", "pools.thread.io.shutdown.await-termination-period=0s")
			.run((context) -> assertThat(context).hasNotFailed().getBean("io").isInstanceOf(ThreadPoolManager.class));
	}

	private void assertFailure(String property, String name, String value, String reason) {
		this.contextRunner.withPropertyValues(property)
			.run((context) -> assertAnalysis(context, name, value, reason));
	}

	private static void assertAnalysis(AssertableApplicationContext context, String property, String value,
			String reason) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new PoolConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).as("failure analysis of %s", context.getStartupFailure()).isNotNull();
		assertThat(analysis.getDescription()).startsWith("Invalid pool configuration:")
			.contains("Property: " + property)
			.contains("Value: \"" + value + "\"")
			.contains("Reason: " + reason);
	}

	private static <E extends Throwable> E findCause(Throwable failure, Class<E> type) {
		Throwable candidate = failure;
		while (candidate != null) {
			if (type.isInstance(candidate)) {
				return type.cast(candidate);
			}
			candidate = candidate.getCause();
		}
		return null;
	}

}
