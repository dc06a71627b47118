package io.github.pools.autoconfigure.event;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.pools.PoolRegistry;
import io.github.pools.RejectionReason;
import io.github.pools.StubProcessPool;
import io.github.pools.TaskRejectedException;
import io.github.pools.UnknownTaskTypeException;
import io.github.pools.autoconfigure.PoolConfigurationException;
import io.github.pools.autoconfigure.PoolsAutoConfiguration;
import io.github.pools.thread.ThreadPoolManager;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link PoolEventsAutoConfiguration} and the events of {@link PoolEventPublisher}.
 * Windows are an hour long, so that rate limiting never depends on how fast the test
 * runs; {@link BurstDetectorTests} moves a clock through windows.
 */
class PoolEventsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PoolsAutoConfiguration.class, PoolEventsAutoConfiguration.class))
		.withBean(Recorder.class, Recorder::new)
		.withPropertyValues("pools.thread.io.task-type=io", "pools.thread.io.max-size=1",
				"pools.thread.io.queue-capacity=0", "pools.management.events.window=1h",
				"pools.management.events.crash-loop-window=1h");

	@Test
	void saturatedRejectionsPublishOneSaturationEventPerWindow() {
		this.contextRunner.run((context) -> {
			ThreadPoolManager io = context.getBean("io", ThreadPoolManager.class);
			CountDownLatch release = new CountDownLatch(1);
			try {
				io.submit("io", () -> release.await(10, TimeUnit.SECONDS));
				await().until(() -> io.stats().busyWorkers() == 1);
				for (int i = 0; i < 5; i++) {
					assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> io.submit("io", () -> 1));
				}
			}
			finally {
				release.countDown();
			}
			List<PoolSaturatedEvent> events = events(context, PoolSaturatedEvent.class);
			assertThat(events).hasSize(1);
			PoolSaturatedEvent event = events.get(0);
			assertThat(event.getPoolName()).isEqualTo("io");
			assertThat(event.getPool()).isSameAs(io);
			assertThat(event.getStats().rejected().get(RejectionReason.SATURATED)).isEqualTo(1);
			assertThat(events(context, PoolRejectionBurstEvent.class)).isEmpty();
		});
	}

	@Test
	void rejectionBurstIsPublishedOnceWhenTheThresholdIsReachedWithinTheWindow() {
		this.contextRunner.withPropertyValues("pools.management.events.rejection-burst-threshold=5")
			.run((context) -> {
				ThreadPoolManager io = context.getBean("io", ThreadPoolManager.class);
				for (int i = 0; i < 4; i++) {
					assertThatExceptionOfType(UnknownTaskTypeException.class)
						.isThrownBy(() -> io.submit("report", () -> 1));
				}
				assertThat(events(context, PoolRejectionBurstEvent.class)).isEmpty();
				for (int i = 0; i < 50; i++) {
					assertThatExceptionOfType(UnknownTaskTypeException.class)
						.isThrownBy(() -> io.submit("report", () -> 1));
				}
				List<PoolRejectionBurstEvent> events = events(context, PoolRejectionBurstEvent.class);
				assertThat(events).hasSize(1);
				PoolRejectionBurstEvent event = events.get(0);
				assertThat(event.getRejections()).isEqualTo(5);
				assertThat(event.getWindow()).isEqualTo(Duration.ofHours(1));
				assertThat(event.getStats().rejected().get(RejectionReason.TASK_TYPE)).isEqualTo(5);
				assertThat(events(context, PoolSaturatedEvent.class)).isEmpty();
			});
	}

	@Test
	void everyResizeIsPublishedWithTheSizesBeforeAndAfter() {
		this.contextRunner.run((context) -> {
			ThreadPoolManager io = context.getBean("io", ThreadPoolManager.class);
			io.resize(1, 3);
			io.resize(2, 4);
			List<PoolResizedEvent> events = events(context, PoolResizedEvent.class);
			assertThat(events).hasSize(2);
			assertThat(events.get(0).getPrevious().maxSize()).isEqualTo(1);
			assertThat(events.get(0).getStats().maxSize()).isEqualTo(3);
			assertThat(events.get(1).getPrevious().coreSize()).isEqualTo(1);
			assertThat(events.get(1).getStats().coreSize()).isEqualTo(2);
		});
	}

	@Test
	void workerCrashLoopIsPublishedOnceForAProcessPool() {
		this.contextRunner.run((context) -> {
			StubProcessPool render = context.getBean(PoolRegistry.class).register(new StubProcessPool("render"));
			render.crash(101);
			render.crash(102);
			assertThat(events(context, WorkerCrashLoopEvent.class)).isEmpty();
			render.crash(103);
			render.crash(104);
			render.crash(105);
			List<WorkerCrashLoopEvent> events = events(context, WorkerCrashLoopEvent.class);
			assertThat(events).hasSize(1);
			WorkerCrashLoopEvent event = events.get(0);
			assertThat(event.getPoolName()).isEqualTo("render");
			assertThat(event.getCrashes()).isEqualTo(3);
			assertThat(event.getLastPid()).isEqualTo(103);
			assertThat(event.getWindow()).isEqualTo(Duration.ofHours(1));
			assertThat(event.getStats().processes()).isNotNull();
		});
	}

	@Test
	void removedPoolsAreNoLongerWatched() {
		this.contextRunner.run((context) -> {
			PoolRegistry registry = context.getBean(PoolRegistry.class);
			StubProcessPool render = registry.register(new StubProcessPool("render"));
			registry.remove("render");
			for (int i = 0; i < 5; i++) {
				render.crash(100 + i);
			}
			assertThat(events(context, WorkerCrashLoopEvent.class)).isEmpty();
		});
	}

	@Test
	void eventsCanBeSwitchedOff() {
		this.contextRunner.withPropertyValues("pools.management.events.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(PoolEventPublisher.class);
			context.getBean("io", ThreadPoolManager.class).resize(1, 2);
			assertThat(events(context, PoolEvent.class)).isEmpty();
		});
	}

	@Test
	void thresholdBelowOneFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("pools.management.events.crash-loop-threshold=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(PoolConfigurationException.class)
				.hasMessage("Invalid pool configuration 'pools.management.events.crash-loop-threshold': 0 "
						+ "must be at least 1"));
	}

	@Test
	void zeroWindowFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("pools.management.events.window=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("'pools.management.events.window'"));
	}

	private static <E extends PoolEvent> List<E> events(AssertableApplicationContext context, Class<E> type) {
		return context.getBean(Recorder.class).events.stream().filter(type::isInstance).map(type::cast).toList();
	}

	static class Recorder implements ApplicationListener<PoolEvent> {

		final List<PoolEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(PoolEvent event) {
			this.events.add(event);
		}

	}

}
