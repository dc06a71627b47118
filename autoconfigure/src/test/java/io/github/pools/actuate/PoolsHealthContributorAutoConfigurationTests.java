package io.github.pools.actuate;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.pools.PoolRegistry;
import io.github.pools.PoolState;
import io.github.pools.StubProcessPool;
import io.github.pools.TaskRejectedException;
import io.github.pools.autoconfigure.PoolsAutoConfiguration;
import io.github.pools.thread.ThreadPoolManager;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link PoolsHealthContributorAutoConfiguration} and the health it reports.
 */
class PoolsHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(PoolsAutoConfiguration.class, PoolsHealthContributorAutoConfiguration.class))
		.withPropertyValues("pools.thread.io.task-type=io", "pools.thread.io.max-size=1",
				"pools.thread.io.queue-capacity=0");

	@Test
	void contributorNamedPoolsHasOneEntryPerPool() {
		this.contextRunner.withPropertyValues("pools.thread.cpu.max-size=1").run((context) -> {
			assertThat(context).hasBean("poolsHealthContributor");
			PoolsHealthContributor pools = context.getBean(PoolsHealthContributor.class);
			assertThat(pools.stream().map((entry) -> entry.name())).containsExactly("cpu", "io");
			assertThat(pools.getContributor("io")).isInstanceOf(PoolHealthIndicator.class);
			assertThat(pools.getContributor("nope")).isNull();
		});
	}

	@Test
	void runningPoolIsUpWithItsDetails() {
		this.contextRunner.run((context) -> {
			Health health = health(context, "io");
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("state", "running")
				.containsEntry("lifecycle", "running")
				.containsEntry("queue", Map.of("size", 0, "capacity", 0))
				.containsEntry("workers", Map.of("busy", 0, "max", 1))
				.containsEntry("saturated", false)
				.containsEntry("saturatedRejections", 0L)
				.doesNotContainKey("crashes");
		});
	}

	@Test
	void poolStoppedWhileTheApplicationRunsIsDown() {
		this.contextRunner.run((context) -> {
			context.getBean("io", ThreadPoolManager.class).stop();
			Health health = health(context, "io");
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("state", "stopped");
		});
	}

	@Test
	void poolRegisteredButNeverStartedIsDownOnceTheApplicationRuns() {
		this.contextRunner.run((context) -> {
			context.getBean(PoolRegistry.class).register(ThreadPoolManager.builder("forgotten").build());
			Health health = health(context, "forgotten");
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("lifecycle", "new");
		});
	}

	@Test
	void poolsStoppedWithTheApplicationAreOutOfService() {
		AtomicReference<HealthIndicator> io = new AtomicReference<>();
		this.contextRunner.run((context) -> io
			.set((HealthIndicator) context.getBean(PoolsHealthContributor.class).getContributor("io")));
		Health health = io.get().health();
		assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(health.getDetails()).containsEntry("lifecycle", "terminated");
	}

	@Test
	void brokenProcessPoolIsDownAndShowsItsCrashes() {
		this.contextRunner.run((context) -> {
			context.getBean(PoolRegistry.class).register(new StubProcessPool("render").state(PoolState.BROKEN));
			Health health = health(context, "render");
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("state", "broken").containsEntry("crashes", 5L);
			assertThat(health(context, "io").getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void saturatedPoolStaysUpAndEveryReaderSeesItsRecentRejections() {
		this.contextRunner.run((context) -> {
			ThreadPoolManager io = context.getBean("io", ThreadPoolManager.class);
			CountDownLatch release = new CountDownLatch(1);
			try {
				io.submit("io", () -> release.await(10, TimeUnit.SECONDS));
				await().until(() -> io.stats().busyWorkers() == 1);
				assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> io.submit("io", () -> 1));
				assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> io.submit("io", () -> 1));
				Health first = health(context, "io");
				assertThat(first.getStatus()).isEqualTo(Status.UP);
				assertThat(first.getDetails()).containsEntry("saturated", true)
					.containsEntry("saturatedRejections", 2L);
				Health second = health(context, "io");
				assertThat(second.getDetails()).as("a second reader").isEqualTo(first.getDetails());
			}
			finally {
				release.countDown();
			}
			await().until(() -> io.stats().busyWorkers() == 0);
			assertThat(health(context, "io").getDetails()).as("refused within the last minute")
				.containsEntry("saturated", true)
				.containsEntry("saturatedRejections", 2L);
		});
	}

	@Test
	void poolsCreatedInCodeJoinAndRemovedPoolsLeave() {
		this.contextRunner.run((context) -> {
			PoolRegistry registry = context.getBean(PoolRegistry.class);
			registry.register(ThreadPoolManager.builder("runtime").build()).start();
			PoolsHealthContributor pools = context.getBean(PoolsHealthContributor.class);
			assertThat(pools.getContributor("runtime")).isNotNull();
			registry.remove("runtime");
			assertThat(pools.getContributor("runtime")).isNull();
		});
	}

	@Test
	void healthIndicatorCanBeDisabled() {
		this.contextRunner.withPropertyValues("management.health.pools.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PoolsHealthContributor.class));
	}

	@Test
	void withoutSpringBootHealthTheStarterStillWorks() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(PoolRegistry.class)
				.doesNotHaveBean(PoolsHealthContributor.class));
	}

	private static Health health(AssertableApplicationContext context, String pool) {
		HealthIndicator indicator = (HealthIndicator) context.getBean(PoolsHealthContributor.class)
			.getContributor(pool);
		assertThat(indicator).isNotNull();
		Health health = indicator.health();
		assertThat(health).isNotNull();
		return health;
	}

}
