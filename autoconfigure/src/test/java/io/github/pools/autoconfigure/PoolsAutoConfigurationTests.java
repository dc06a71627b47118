package io.github.pools.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.pools.DefaultPoolRegistry;
import io.github.pools.PoolManager;
import io.github.pools.PoolRegistry;
import io.github.pools.PoolState;
import io.github.pools.PoolStats;
import io.github.pools.UnknownTaskTypeException;
import io.github.pools.thread.RejectionPolicy;
import io.github.pools.thread.ThreadPoolManager;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskDecorator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link PoolsAutoConfiguration}: binding, beans, injection, life cycle,
 * decorators and customizers. Bad configuration is in
 * {@link PoolsAutoConfigurationFailureTests}, {@code @Async} in
 * {@link PoolsAsyncTests}.
 */
class PoolsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PoolsAutoConfiguration.class));

	@Test
	void withoutPoolsProvidesAnEmptyRegistry() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(PoolRegistry.class).hasSingleBean(PoolsLifecycle.class);
			assertThat(context.getBean(PoolRegistry.class).names()).isEmpty();
		});
	}

	@Test
	void eachConfiguredPoolBecomesARunningBeanNamedAfterIt() {
		this.contextRunner.withPropertyValues("pools.thread.io.task-type=io", "pools.thread.cpu.max-size=2")
			.run((context) -> {
				assertThat(context).getBean("io").isInstanceOf(ThreadPoolManager.class);
				assertThat(context).getBean("cpu").isInstanceOf(ThreadPoolManager.class);
				assertThat(context.getBeansOfType(PoolManager.class)).containsOnlyKeys("io", "cpu");
				assertThat(context.getBean(PoolRegistry.class).names()).containsExactly("cpu", "io");
				ThreadPoolManager io = context.getBean("io", ThreadPoolManager.class);
				assertThat(io.state()).isEqualTo(PoolState.RUNNING);
				assertThat(io.taskType()).isEqualTo("io");
				assertThat(io.submit("io", () -> "ran").get(10, TimeUnit.SECONDS)).isEqualTo("ran");
			});
	}

	@Test
	void poolsAreInjectableByQualifierAsManagerOrAsPoolManager() {
		this.contextRunner.withPropertyValues("pools.thread.io.task-type=io", "pools.thread.cpu.max-size=2")
			.withUserConfiguration(InjectionConfiguration.class)
			.run((context) -> {
				Consumer consumer = context.getBean(Consumer.class);
				assertThat(consumer.io()).isSameAs(context.getBean("io"));
				assertThat(consumer.cpu()).isSameAs(context.getBean("cpu"));
			});
	}

	@Test
	void defaultsAreThoseOfTheBuilderAndOfTheDocumentation() {
		this.contextRunner.withPropertyValues("pools.thread.io.task-type=io").run((context) -> {
			ThreadPoolProperties properties = context.getBean(PoolsProperties.class).getThread().get("io");
			assertThat(properties.getCoreSize()).isNull();
			assertThat(properties.getMaxSize()).isEqualTo(ThreadPoolManager.Builder.DEFAULT_MAX_SIZE).isEqualTo(8);
			assertThat(properties.getQueueCapacity()).isEqualTo(ThreadPoolManager.Builder.DEFAULT_QUEUE_CAPACITY)
				.isEqualTo(1000);
			assertThat(properties.getKeepAlive()).isEqualTo(Duration.ofSeconds(60));
			assertThat(properties.isAllowCoreThreadTimeout()).isTrue();
			assertThat(properties.getThreadNamePrefix()).isNull();
			assertThat(properties.isDaemon()).isFalse();
			assertThat(properties.getRejectionPolicy()).isEqualTo(RejectionPolicy.ABORT);
			assertThat(properties.isPrestart()).isFalse();
			assertThat(properties.getVirtualThreads()).isNull();
			assertThat(properties.getMaxTasksPerWorker()).isZero();
			assertThat(properties.isDecorateTasks()).isTrue();
			assertThat(properties.getShutdown().isAwaitTermination()).isTrue();
			assertThat(properties.getShutdown().getAwaitTerminationPeriod()).isEqualTo(Duration.ofSeconds(30));
			assertThat(properties.getMetrics().isTaskTimers()).isTrue();
			PoolStats stats = context.getBean("io", ThreadPoolManager.class).stats();
			assertThat(stats.coreSize()).isEqualTo(8);
			assertThat(stats.maxSize()).isEqualTo(8);
			assertThat(stats.queueCapacity()).isEqualTo(1000);
		});
	}

	@Test
	void everyKeyIsBoundAndApplied() {
		this.contextRunner
			.withPropertyValues("pools.thread.io.task-type=io", "pools.thread.io.core-size=1",
					"pools.thread.io.max-size=3", "pools.thread.io.queue-capacity=7", "pools.thread.io.keep-alive=5s",
					"pools.thread.io.allow-core-thread-timeout=false", "pools.thread.io.thread-name-prefix=worker-",
					"pools.thread.io.daemon=true", "pools.thread.io.rejection-policy=caller-runs",
					"pools.thread.io.prestart=true", "pools.thread.io.max-tasks-per-worker=100",
					"pools.thread.io.decorate-tasks=false", "pools.thread.io.shutdown.await-termination=false",
					"pools.thread.io.shutdown.await-termination-period=2s", "pools.thread.io.metrics.task-timers=false")
			.run((context) -> {
				ThreadPoolProperties properties = context.getBean(PoolsProperties.class).getThread().get("io");
				assertThat(properties.getKeepAlive()).isEqualTo(Duration.ofSeconds(5));
				assertThat(properties.isAllowCoreThreadTimeout()).isFalse();
				assertThat(properties.getRejectionPolicy()).isEqualTo(RejectionPolicy.CALLER_RUNS);
				assertThat(properties.getMaxTasksPerWorker()).isEqualTo(100);
				assertThat(properties.isDecorateTasks()).isFalse();
				assertThat(properties.getShutdown().isAwaitTermination()).isFalse();
				assertThat(properties.getShutdown().getAwaitTerminationPeriod()).isEqualTo(Duration.ofSeconds(2));
				assertThat(properties.getMetrics().isTaskTimers()).isFalse();
				ThreadPoolManager io = context.getBean("io", ThreadPoolManager.class);
				PoolStats stats = io.stats();
				assertThat(stats.coreSize()).isEqualTo(1);
				assertThat(stats.maxSize()).isEqualTo(3);
				assertThat(stats.queueCapacity()).isEqualTo(7);
				assertThat(stats.workers()).as("prestarted core threads").isEqualTo(1);
				assertThat(io.submit("io", () -> Thread.currentThread().getName() + " " + Thread.currentThread().isDaemon())
					.get(10, TimeUnit.SECONDS)).isEqualTo("worker-1 true");
				assertThat(io.awaitTerminationPeriod()).isZero();
			});
	}

	@Test
	void closingTheContextLetsQueuedTasksFinishThenStopsThePool() {
		AtomicReference<ThreadPoolManager> pool = new AtomicReference<>();
		AtomicReference<CompletableFuture<String>> queued = new AtomicReference<>();
		this.contextRunner.withPropertyValues("pools.thread.io.max-size=1").run((context) -> {
			ThreadPoolManager io = context.getBean("io", ThreadPoolManager.class);
			pool.set(io);
			io.submit(null, () -> {
				Thread.sleep(200);
				return "first";
			});
			queued.set(io.submit(null, () -> "queued"));
		});
		assertThat(pool.get().state()).isEqualTo(PoolState.TERMINATED);
		assertThat(queued.get()).isCompletedWithValue("queued");
	}

	@Test
	void poolsCreatedInCodeJoinTheRegistryAndStopWithTheContext() {
		AtomicReference<ThreadPoolManager> runtime = new AtomicReference<>();
		this.contextRunner.run((context) -> {
			PoolRegistry registry = context.getBean(PoolRegistry.class);
			ThreadPoolManager pool = registry.register(ThreadPoolManager.builder("runtime").build());
			pool.start();
			runtime.set(pool);
			assertThat(registry.get("runtime")).isSameAs(pool);
		});
		assertThat(runtime.get().isTerminated()).isTrue();
	}

	@Test
	void taskDecoratorBeansApplyToPoolTasks() {
		this.contextRunner.withPropertyValues("pools.thread.io.max-size=1")
			.withBean(TaskDecorator.class, () -> (task) -> () -> {
				Context.VALUE.set("decorated");
				try {
					task.run();
				}
				finally {
					Context.VALUE.remove();
				}
			})
			.run((context) -> {
				ThreadPoolManager io = context.getBean("io", ThreadPoolManager.class);
				assertThat(io.submit(null, Context.VALUE::get).get(10, TimeUnit.SECONDS)).isEqualTo("decorated");
			});
	}

	@Test
	void poolThatOptsOutOfDecorationIsNotDecorated() {
		this.contextRunner.withPropertyValues("pools.thread.io.decorate-tasks=false")
			.withBean(TaskDecorator.class, () -> (task) -> () -> {
				Context.VALUE.set("decorated");
				task.run();
			})
			.run((context) -> {
				ThreadPoolManager io = context.getBean("io", ThreadPoolManager.class);
				assertThat(io.submit(null, Context.VALUE::get).get(10, TimeUnit.SECONDS)).isNull();
			});
	}

	@Test
	void severalTaskDecoratorsAreComposedInOrder() {
		this.contextRunner.withPropertyValues("pools.thread.io.max-size=1")
			.withUserConfiguration(TwoDecoratorsConfiguration.class)
			.run((context) -> {
				ThreadPoolManager io = context.getBean("io", ThreadPoolManager.class);
				io.submit(null, () -> null).get(10, TimeUnit.SECONDS);
				assertThat(context.getBean(TwoDecoratorsConfiguration.class).applied)
					.containsExactlyInAnyOrder("first", "second");
			});
	}

	@Test
	void customizerBeansCustomizeConfiguredPools() {
		CountDownLatch initialized = new CountDownLatch(1);
		this.contextRunner.withPropertyValues("pools.thread.io.max-size=1", "pools.thread.cpu.max-size=1")
			.withBean(ThreadPoolManagerCustomizer.class, () -> (builder) -> {
				if (builder.name().equals("io")) {
					builder.initializer(initialized::countDown);
				}
			})
			.run((context) -> {
				context.getBean("cpu", ThreadPoolManager.class).submit(null, () -> 1).get(10, TimeUnit.SECONDS);
				assertThat(initialized.getCount()).isOne();
				context.getBean("io", ThreadPoolManager.class).submit(null, () -> 1).get(10, TimeUnit.SECONDS);
				assertThat(initialized.getCount()).isZero();
			});
	}

	@Test
	void userRegistryBeanReplacesTheDefault() {
		DefaultPoolRegistry own = new DefaultPoolRegistry();
		this.contextRunner.withPropertyValues("pools.thread.io.max-size=1")
			.withBean(PoolRegistry.class, () -> own)
			.run((context) -> {
				assertThat(context).getBean(PoolRegistry.class).isSameAs(own);
				assertThat(own.names()).containsExactly("io");
			});
	}

	@Test
	void poolNameInBracketsMayContainDots() {
		this.contextRunner.withPropertyValues("pools.thread[reports.daily].max-size=1").run((context) -> {
			assertThat(context).getBean("reports.daily").isInstanceOf(ThreadPoolManager.class);
		});
	}

	@Test
	void typedPoolBeanRefusesOtherTypes() {
		this.contextRunner.withPropertyValues("pools.thread.requests.task-type=request").run((context) -> {
			ThreadPoolManager requests = context.getBean("requests", ThreadPoolManager.class);
			assertThatExceptionOfType(UnknownTaskTypeException.class)
				.isThrownBy(() -> requests.submit("report", () -> 1))
				.withMessage("Pool 'requests' accepts only tasks of type 'request' and refused a task of type 'report'");
		});
	}

	static final class Context {

		static final ThreadLocal<String> VALUE = new ThreadLocal<>();

		private Context() {
		}

	}

	record Consumer(ThreadPoolManager io, PoolManager cpu) {

	}

	@Configuration(proxyBeanMethods = false)
	static class InjectionConfiguration {

		@Bean
		Consumer consumer(@Qualifier("io") ThreadPoolManager io, @Qualifier("cpu") PoolManager cpu) {
			return new Consumer(io, cpu);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoDecoratorsConfiguration {

		final java.util.List<String> applied = new java.util.concurrent.CopyOnWriteArrayList<>();

		@Bean
		TaskDecorator first() {
			return (task) -> () -> {
				this.applied.add("first");
				task.run();
			};
		}

		@Bean
		TaskDecorator second() {
			return (task) -> () -> {
				this.applied.add("second");
				task.run();
			};
		}

	}

}
