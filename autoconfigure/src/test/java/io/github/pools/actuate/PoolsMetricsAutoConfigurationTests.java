package io.github.pools.actuate;

import java.util.concurrent.TimeUnit;

import io.github.pools.PoolRegistry;
import io.github.pools.TaskRejectedException;
import io.github.pools.UnknownTaskTypeException;
import io.github.pools.autoconfigure.PoolsAutoConfiguration;
import io.github.pools.thread.ThreadPoolManager;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.task.TaskExecutorMetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link PoolsMetricsAutoConfiguration}.
 */
class PoolsMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, PoolsAutoConfiguration.class,
				PoolsMetricsAutoConfiguration.class));

	@Test
	void threadPoolPublishesMicrometersExecutorMetersTaggedWithItsName() {
		this.contextRunner.withPropertyValues("pools.thread.io.task-type=io", "pools.thread.io.core-size=1",
				"pools.thread.io.max-size=3", "pools.thread.io.queue-capacity=50")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				ThreadPoolManager io = context.getBean("io", ThreadPoolManager.class);
				io.submit("io", () -> 1).get(10, TimeUnit.SECONDS);
				await().untilAsserted(() -> assertThat(
						registry.get("executor.completed").tag("name", "io").functionCounter().count())
					.isEqualTo(1));
				assertThat(registry.get("executor.pool.core").tag("name", "io").gauge().value()).isEqualTo(1);
				assertThat(registry.get("executor.pool.max").tag("name", "io").gauge().value()).isEqualTo(3);
				assertThat(registry.get("executor.pool.size").tag("name", "io").gauge().value()).isEqualTo(1);
				assertThat(registry.get("executor.active").tag("name", "io").gauge().value()).isZero();
				assertThat(registry.get("executor.queued").tag("name", "io").gauge().value()).isZero();
				assertThat(registry.get("executor.queue.remaining").tag("name", "io").gauge().value()).isEqualTo(50);
				Timer execution = registry.get("executor").tag("name", "io").timer();
				Timer idle = registry.get("executor.idle").tag("name", "io").timer();
				assertThat(execution.count()).isEqualTo(1);
				assertThat(idle.count()).isEqualTo(1);
				assertThat(registry.get("executor.completed").meter().getId().getBaseUnit()).isEqualTo("tasks");
				assertThat(registry.get("executor.active").meter().getId().getDescription())
					.isEqualTo("The approximate number of threads that are actively executing tasks");
			});
	}

	@Test
	void rejectionsAreCountedByReason() {
		this.contextRunner.withPropertyValues("pools.thread.io.task-type=io", "pools.thread.io.max-size=1",
				"pools.thread.io.queue-capacity=0")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				ThreadPoolManager io = context.getBean("io", ThreadPoolManager.class);
				assertThatExceptionOfType(UnknownTaskTypeException.class).isThrownBy(() -> io.submit("x", () -> 1));
				java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
				io.submit("io", () -> release.await(10, TimeUnit.SECONDS));
				await().until(() -> io.stats().busyWorkers() == 1);
				assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> io.submit("io", () -> 1));
				release.countDown();
				assertThat(rejected(registry, "task-type")).isEqualTo(1);
				assertThat(rejected(registry, "saturated")).isEqualTo(1);
				assertThat(rejected(registry, "shutdown")).isZero();
				assertThat(rejected(registry, "broken")).isZero();
			});
	}

	@Test
	void failedTasksAreCounted() {
		this.contextRunner.withPropertyValues("pools.thread.io.max-size=1").run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			ThreadPoolManager io = context.getBean("io", ThreadPoolManager.class);
			io.submit(null, () -> {
				throw new IllegalStateException("boom");
			});
			await().untilAsserted(() -> assertThat(
					registry.get("pools.tasks.failed").tag("name", "io").functionCounter().count())
				.isEqualTo(1));
		});
	}

	@Test
	void taskTimersCanBeSwitchedOffPerPool() {
		this.contextRunner.withPropertyValues("pools.thread.fast.metrics.task-timers=false",
				"pools.thread.timed.max-size=1")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.find("executor").tag("name", "fast").timer()).isNull();
				assertThat(registry.find("executor.idle").tag("name", "fast").timer()).isNull();
				assertThat(registry.find("executor.completed").tag("name", "fast").functionCounter()).isNotNull();
				assertThat(registry.find("executor").tag("name", "timed").timer()).isNotNull();
			});
	}

	@Test
	void poolsCreatedInCodeGetMetersAndLoseThemWhenRemoved() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			PoolRegistry pools = context.getBean(PoolRegistry.class);
			ThreadPoolManager runtime = pools.register(ThreadPoolManager.builder("runtime").build());
			runtime.start();
			assertThat(registry.find("executor.pool.max").tag("name", "runtime").gauge()).isNotNull();
			pools.remove("runtime");
			assertThat(registry.getMeters()).noneMatch((meter) -> "runtime".equals(meter.getId().getTag("name")));
		});
	}

	@Test
	void springBootsTaskExecutorMetricsDoNotBindPoolsASecondTime() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class,
					TaskExecutorMetricsAutoConfiguration.class))
			.withPropertyValues("pools.thread.io.max-size=2")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				context.getBean("applicationTaskExecutor"); // lazy: make Boot bind it
				assertThat(registry.find("executor.pool.max").tag("name", "io").meters()).hasSize(1);
				assertThat(registry.find("executor.pool.max").meters()).extracting((meter) -> meter.getId().getTag("name"))
					.containsExactlyInAnyOrder("io", "applicationTaskExecutor");
			});
	}

	@Test
	void withoutMicrometerTheStarterStillWorks() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(PoolsAutoConfiguration.class, PoolsMetricsAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("io.micrometer"))
			.withPropertyValues("pools.thread.io.max-size=1")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(PoolMetrics.class);
				ThreadPoolManager io = context.getBean("io", ThreadPoolManager.class);
				assertThat(io.submit(null, () -> "works").get(10, TimeUnit.SECONDS)).isEqualTo("works");
			});
	}

	private static double rejected(MeterRegistry registry, String reason) {
		FunctionCounter counter = registry.get("pools.tasks.rejected").tag("name", "io").tag("reason", reason)
			.functionCounter();
		return counter.count();
	}

}
