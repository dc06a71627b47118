package io.github.pools.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.example.app.ExampleApplication;
import com.example.app.ExampleApplication.RenderTask;
import com.example.app.ExampleApplication.Rendered;
import io.github.pools.PoolManager;
import io.github.pools.PoolRegistry;
import io.github.pools.PoolState;
import io.github.pools.PoolStats;
import io.github.pools.SerializableCallable;
import io.github.pools.TaskSerializationException;
import io.github.pools.UnknownTaskTypeException;
import io.github.pools.actuate.PoolsMetricsAutoConfiguration;
import io.github.pools.process.ProcessPoolManager;
import io.github.pools.process.ProjectJar;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for process pools declared under {@code pools.process.*}, with real worker JVMs.
 */
class ProcessPoolsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PoolsAutoConfiguration.class))
		.withPropertyValues("pools.process.render.task-type=render", "pools.process.render.max-size=1");

	@AfterEach
	void noWorkerLeftBehind() {
		await("worker JVMs left behind").atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.current()
			.descendants()
			.filter(ProcessHandle::isAlive)
			.noneMatch((process) -> process.info().commandLine().orElse("").contains("WorkerMain")));
	}

	@Test
	void processPoolBecomesABeanInjectableByQualifierThatRunsTasksInAWorker() {
		this.contextRunner.withUserConfiguration(InjectionConfiguration.class).run((context) -> {
			ProcessPoolManager render = context.getBean("render", ProcessPoolManager.class);
			assertThat(context.getBean(Consumer.class).render()).isSameAs(render);
			assertThat(context.getBean(PoolRegistry.class).names()).containsExactly("render");
			long pid = render.submit("render", () -> ProcessHandle.current().pid()).get(30, TimeUnit.SECONDS);
			assertThat(pid).isNotEqualTo(ProcessHandle.current().pid());
			assertThatExceptionOfType(UnknownTaskTypeException.class)
				.isThrownBy(() -> render.submit("request", () -> 1));
		});
	}

	@Test
	void classDataDirectoryKeepsTheArchiveTheWorkersWroteWhenTheContextClosed(@TempDir Path directory)
			throws Exception {
		Path jar = ProjectJar.write(directory.resolve("app.jar"));
		Path archives = directory.resolve("cds");
		this.contextRunner
			.withPropertyValues("pools.process.render.classpath=" + jar,
					"pools.process.render.class-data-directory=" + archives)
			.run((context) -> assertThat(
					context.getBean("render", ProcessPoolManager.class).submit("render", Answers.fortyTwo()))
				.succeedsWithin(Duration.ofSeconds(30))
				.isEqualTo(42));
		try (Stream<Path> files = Files.list(archives)) {
			assertThat(files).singleElement().asString().endsWith(".jsa");
		}
	}

	@Test
	void defaultsAreThoseOfTheBuilderAndOfTheDocumentation() {
		this.contextRunner.run((context) -> {
			ProcessPoolProperties properties = context.getBean(PoolsProperties.class).getProcess().get("render");
			assertThat(properties.getCoreSize()).isNull();
			assertThat(properties.getQueueCapacity()).isEqualTo(ProcessPoolManager.Builder.DEFAULT_QUEUE_CAPACITY);
			assertThat(properties.getJvmArgs()).isNull();
			assertThat(properties.getTaskTimeout()).isNull();
			assertThat(properties.getMaxTasksPerWorker()).isZero();
			assertThat(properties.getIdleTimeout()).isEqualTo(Duration.ofSeconds(60));
			assertThat(properties.isPrestart()).isFalse();
			assertThat(properties.getStartTimeout()).isEqualTo(Duration.ofSeconds(30));
			assertThat(properties.getAllowedClasses()).isEmpty();
			assertThat(properties.getMaxMessageSize().toBytes())
				.isEqualTo(ProcessPoolManager.Builder.DEFAULT_MAX_MESSAGE_SIZE);
			assertThat(properties.getMaxObjectDepth()).isEqualTo(ProcessPoolManager.Builder.DEFAULT_MAX_OBJECT_DEPTH);
			assertThat(properties.isDaemon()).isFalse();
			assertThat(properties.getShutdown().isAwaitTermination()).isTrue();
			assertThat(properties.getShutdown().getAwaitTerminationPeriod()).isEqualTo(Duration.ofSeconds(30));
			PoolStats stats = context.getBean("render", ProcessPoolManager.class).stats();
			assertThat(stats.maxSize()).isOne();
			assertThat(stats.coreSize()).isOne();
			assertThat(stats.queueCapacity()).isEqualTo(1000);
		});
	}

	@Test
	void everyKeyIsBoundAndApplied() {
		this.contextRunner
			.withPropertyValues("pools.process.render.core-size=0", "pools.process.render.queue-capacity=7",
					"pools.process.render.jvm-args=-Xmx64m,-XX:+UseSerialGC,-Dpools.test=from-jvm-args",
					"pools.process.render.environment.POOLS_TEST=from-environment",
					"pools.process.render.task-timeout=20s", "pools.process.render.max-tasks-per-worker=50",
					"pools.process.render.idle-timeout=5m", "pools.process.render.prestart=true",
					"pools.process.render.start-timeout=45s", "pools.process.render.allowed-classes=com.example.other.**",
					"pools.process.render.max-message-size=8MB", "pools.process.render.max-object-depth=200",
					"pools.process.render.shutdown.await-termination-period=5s",
					"pools.process.render.metrics.task-timers=false")
			.run((context) -> {
				ProcessPoolProperties properties = context.getBean(PoolsProperties.class).getProcess().get("render");
				assertThat(properties.getTaskTimeout()).isEqualTo(Duration.ofSeconds(20));
				assertThat(properties.getIdleTimeout()).isEqualTo(Duration.ofMinutes(5));
				assertThat(properties.getStartTimeout()).isEqualTo(Duration.ofSeconds(45));
				assertThat(properties.getAllowedClasses()).containsExactly("com.example.other.**");
				assertThat(properties.getMaxMessageSize().toMegabytes()).isEqualTo(8);
				assertThat(properties.getMaxObjectDepth()).isEqualTo(200);
				ProcessPoolManager render = context.getBean("render", ProcessPoolManager.class);
				assertThat(render.stats().coreSize()).isZero();
				assertThat(render.stats().queueCapacity()).isEqualTo(7);
				assertThat(render.awaitTerminationPeriod()).isEqualTo(Duration.ofSeconds(5));
				String seen = render.submit("render",
						() -> System.getProperty("pools.test") + " " + System.getenv("POOLS_TEST"))
					.get(30, TimeUnit.SECONDS);
				assertThat(seen).isEqualTo("from-jvm-args from-environment");
			});
	}

	@Test
	void daemonPoolIsNotWaitedForWhenTheContextCloses() {
		this.contextRunner.withPropertyValues("pools.process.render.daemon=true").run((context) -> {
			assertThat(context.getBean(PoolsProperties.class).getProcess().get("render").isDaemon()).isTrue();
			assertThat(context.getBean("render", ProcessPoolManager.class).awaitTerminationPeriod()).isZero();
		});
	}

	@Test
	void applicationPackagesAreAllowedAcrossTheChannel() {
		this.contextRunner.withUserConfiguration(ExampleApplication.class).run((context) -> {
			ProcessPoolManager render = context.getBean("render", ProcessPoolManager.class);
			Rendered rendered = render.submit("render", new RenderTask("hello")).get(30, TimeUnit.SECONDS);
			assertThat(rendered.text()).isEqualTo("HELLO");
			assertThat(rendered.pid()).isNotEqualTo(ProcessHandle.current().pid());
		});
	}

	@Test
	void classesOutsideTheAllowListAreRefusedAtTheFirstBoundary() {
		this.contextRunner.run((context) -> {
			ProcessPoolManager render = context.getBean("render", ProcessPoolManager.class);
			assertThat(render.submit("render", new RenderTask("hello"))).failsWithin(Duration.ofSeconds(30))
				.withThrowableOfType(java.util.concurrent.ExecutionException.class)
				.withMessageContaining("com.example.app.ExampleApplication$RenderTask");
		});
	}

	@Test
	void customizerSetsAWorkerInitializerThatRunsInTheWorker() {
		this.contextRunner
			.withBean(ProcessPoolManagerCustomizer.class,
					() -> (builder) -> builder.initializer(() -> System.setProperty("pools.initialized", "yes")))
			.run((context) -> {
				ProcessPoolManager render = context.getBean("render", ProcessPoolManager.class);
				assertThat(render.submit("render", () -> System.getProperty("pools.initialized"))
					.get(30, TimeUnit.SECONDS)).isEqualTo("yes");
				assertThat(System.getProperty("pools.initialized")).isNull();
			});
	}

	@Test
	void closingTheContextStopsTheWorkers() {
		List<Long> pids = new java.util.ArrayList<>();
		this.contextRunner.run((context) -> {
			ProcessPoolManager render = context.getBean("render", ProcessPoolManager.class);
			pids.add(render.submit("render", () -> ProcessHandle.current().pid()).get(30, TimeUnit.SECONDS));
			assertThat(render.state()).isEqualTo(PoolState.RUNNING);
		});
		await().atMost(Duration.ofSeconds(10))
			.until(() -> ProcessHandle.of(pids.get(0)).map(ProcessHandle::isAlive).orElse(false) == false);
	}

	@Test
	void processPoolPublishesExecutorAndWorkerMeters() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, PoolsMetricsAutoConfiguration.class))
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				ProcessPoolManager render = context.getBean("render", ProcessPoolManager.class);
				render.submit("render", () -> 1).get(30, TimeUnit.SECONDS);
				await().untilAsserted(() -> {
					assertThat(registry.get("executor.completed").tag("name", "render").functionCounter().count())
						.isOne();
					assertThat(registry.get("pools.workers.started").tag("name", "render").functionCounter().count())
						.isOne();
				});
				assertThat(registry.get("executor.pool.size").tag("name", "render").gauge().value()).isOne();
				assertThat(registry.get("executor").tag("name", "render").timer().count()).isOne();
				assertThat(registry.get("pools.workers.exited").tag("name", "render").tag("reason", "crash")
					.functionCounter()
					.count()).isZero();
			});
	}

	@Test
	void nameUsedByAThreadPoolAndAProcessPoolFailsStartup() {
		this.contextRunner.withPropertyValues("pools.thread.render.max-size=1").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).isInstanceOf(PoolConfigurationException.class)
				.hasMessageContaining("pools.process.render")
				.hasMessageContaining("is also the name of a thread pool ('pools.thread.render')");
		});
	}

	@Test
	void badProcessSettingsFailStartupNamingTheProperty() {
		assertFailure("pools.process.render.queue-capacity=0", "pools.process.render.queue-capacity",
				"must be at least 1");
		assertFailure("pools.process.render.max-size=0", "pools.process.render.max-size", "must be at least 1");
		assertFailure("pools.process.render.task-timeout=0s", "pools.process.render.task-timeout",
				"must be longer than zero");
		assertFailure("pools.process.render.idle-timeout=-1s", "pools.process.render.idle-timeout",
				"must be longer than zero");
		assertFailure("pools.process.render.start-timeout=0s", "pools.process.render.start-timeout",
				"must be longer than zero");
		assertFailure("pools.process.render.max-message-size=1KB", "pools.process.render.max-message-size",
				"must be between");
		assertFailure("pools.process.render.allowed-classes=maxdepth=5", "pools.process.render.allowed-classes",
				"must be a class pattern; limits are set with max-message-size and max-object-depth");
		assertFailure("pools.process.render.jvm-args=-verbose:gc", "pools.process.render.jvm-args",
				"would log to the worker's standard output, which carries the channel");
		assertFailure("pools.process.render.java-executable=/no/such/java", "pools.process.render.java-executable",
				"is not an executable file");
	}

	@Test
	void taskThatCannotBeSerializedIsRefusedAtSubmit() {
		this.contextRunner.run((context) -> {
			ProcessPoolManager render = context.getBean("render", ProcessPoolManager.class);
			Object notSerializable = new Object();
			assertThatExceptionOfType(TaskSerializationException.class)
				.isThrownBy(() -> render.submit("render", () -> notSerializable.hashCode()))
				.withMessageContaining("java.lang.Object");
			assertThat(render.stats().queued()).isZero();
		});
	}

	private void assertFailure(String property, String name, String reason) {
		this.contextRunner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).isInstanceOf(PoolConfigurationException.class);
			PoolConfigurationException failure = (PoolConfigurationException) context.getStartupFailure();
			assertThat(failure.getProperty()).isEqualTo(name);
			assertThat(failure.getReason()).contains(reason);
		});
	}

	record Consumer(PoolManager render) {

	}

	@Configuration(proxyBeanMethods = false)
	static class InjectionConfiguration {

		@Bean
		Consumer consumer(@Qualifier("render") PoolManager render) {
			return new Consumer(render);
		}

	}

	/** A task of a class whose methods name no test library, which the jar leaves out. */
	static final class Answers {

		private Answers() {
		}

		static SerializableCallable<Integer> fortyTwo() {
			return () -> 6 * 7;
		}

	}

}
