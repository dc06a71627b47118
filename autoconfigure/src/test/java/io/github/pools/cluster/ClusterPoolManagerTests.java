package io.github.pools.cluster;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.hazelcast.core.HazelcastInstance;
import io.github.pools.BatchOptions;
import io.github.pools.PoolCounters;
import io.github.pools.PoolKind;
import io.github.pools.PoolListener;
import io.github.pools.PoolManager;
import io.github.pools.PoolState;
import io.github.pools.PoolStats;
import io.github.pools.RejectionReason;
import io.github.pools.RemoteTaskException;
import io.github.pools.TaskRejectedException;
import io.github.pools.TaskSerializationException;
import io.github.pools.TaskTimeoutException;
import io.github.pools.UnknownTaskTypeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests {@link ClusterPoolManager} on two Hazelcast members in this JVM.
 */
@TestInstance(Lifecycle.PER_CLASS)
class ClusterPoolManagerTests {

	private HazelcastInstance first;

	private HazelcastInstance second;

	private String clusterName;

	private int basePort;

	@BeforeAll
	void startMembers() {
		this.clusterName = TestClusters.randomClusterName();
		this.basePort = TestClusters.randomBasePort();
		this.first = TestClusters.member(this.clusterName, this.basePort);
		this.second = TestClusters.member(this.clusterName, this.basePort);
	}

	@AfterAll
	void stopMembers() {
		for (HazelcastInstance member : new HazelcastInstance[] { this.second, this.first }) {
			if (member != null) {
				member.getLifecycleService().terminate();
			}
		}
	}

	private ClusterPoolManager pool(String name, ClusterPoolBuilder builder) {
		ClusterPoolManager pool = builder.build();
		pool.start();
		return pool;
	}

	@Test
	void runsTasksOnEveryMemberAndCompletesTheirFutures() throws Exception {
		try (ClusterPoolManager grid = pool("grid", ClusterPoolManager.builder("grid", this.first).taskType("grid")
			.threadsPerMember(2))) {
			assertThat(grid.kind()).isEqualTo(PoolKind.CLUSTER);
			assertThat(grid.members()).hasSize(2);
			List<CompletableFuture<String>> futures = IntStream.range(0, 40)
				.mapToObj((i) -> grid.submit("grid", () -> Thread.currentThread().getName()))
				.toList();
			Set<String> threads = futures.stream().map(CompletableFuture::join).collect(Collectors.toSet());
			// Hazelcast names its threads after the instance that owns them.
			assertThat(threads).anyMatch((thread) -> thread.contains(this.first.getName()))
				.anyMatch((thread) -> thread.contains(this.second.getName()));
			assertThat(grid.stats().completed()).isEqualTo(40);
			assertThat(grid.stats().workers()).isEqualTo(4);
		}
	}

	@Test
	void wrongTaskTypeIsRefusedAtSubmitAndNothingIsSent() {
		try (ClusterPoolManager grid = pool("typed", ClusterPoolManager.builder("typed", this.first).taskType("grid"))) {
			assertThatExceptionOfType(UnknownTaskTypeException.class).isThrownBy(() -> grid.submit("report", () -> 1));
			assertThatExceptionOfType(UnknownTaskTypeException.class).isThrownBy(() -> grid.submit(null, () -> 1));
			assertThat(grid.pending()).isZero();
			assertThat(grid.stats().completed()).isZero();
			assertThat(grid.stats().rejectedTotal()).isEqualTo(2);
		}
	}

	@Test
	void exceptionOfATaskComesBackAsRemoteTaskException() {
		try (ClusterPoolManager grid = pool("failing", ClusterPoolManager.builder("failing", this.first))) {
			CompletableFuture<Object> future = grid.submit(null, () -> {
				throw new IllegalStateException("boom");
			});
			assertThatThrownBy(future::join).hasCauseInstanceOf(RemoteTaskException.class)
				.cause()
				.hasMessageContaining("IllegalStateException")
				.hasMessageContaining("boom");
			assertThat(grid.stats().failed()).isEqualTo(1);
		}
	}

	@Test
	void batchCallsWorkAsOnTheOtherKinds() throws Exception {
		try (ClusterPoolManager grid = pool("batch", ClusterPoolManager.builder("batch", this.first).taskType("b"))) {
			List<Integer> items = IntStream.range(0, 50).boxed().toList();
			BatchOptions chunks = BatchOptions.defaults().chunkSize(7);
			assertThat(grid.map("b", (Integer i) -> i * 2, items, chunks))
				.containsExactlyElementsOf(items.stream().map((i) -> i * 2).toList());
			try (Stream<Integer> lazily = grid.mapLazily("b", (Integer i) -> i + 1, items, chunks)) {
				assertThat(lazily.toList()).containsExactlyElementsOf(items.stream().map((i) -> i + 1).toList());
			}
			try (Stream<Integer> asCompleted = grid.mapAsCompleted("b", (Integer i) -> i, items, chunks)) {
				assertThat(asCompleted.toList()).containsExactlyInAnyOrderElementsOf(items);
			}
			assertThat(grid.starmap("b", (Integer a, Integer b) -> a * b, List.of(Map.entry(2, 3), Map.entry(4, 5)),
					BatchOptions.defaults()))
				.containsExactly(6, 20);
			assertThat(grid.run("b", () -> "ran")).isEqualTo("ran");
		}
	}

	@Test
	void taskLongerThanItsTimeoutFailsWithTaskTimeoutException() {
		try (ClusterPoolManager grid = pool("slow", ClusterPoolManager.builder("slow", this.first)
			.taskTimeout(Duration.ofMillis(300)))) {
			CompletableFuture<Object> future = grid.submit(null, () -> {
				Thread.sleep(20_000);
				return "late";
			});
			assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(TaskTimeoutException.class)
				.hasMessageContaining("task-timeout of PT0.3S");
			assertThat(grid.pending()).isZero();
		}
	}

	@Test
	void classOutsideTheAllowListIsRefusedByTheMember() {
		try (ClusterPoolManager grid = pool("strict", ClusterPoolManager.builder("strict", this.first))) {
			URI uri = URI.create("https://example.com/");
			CompletableFuture<String> future = grid.submit(null, () -> uri.getHost());
			assertThatThrownBy(future::join).hasCauseInstanceOf(TaskSerializationException.class)
				.hasMessageContaining("refused")
				.hasMessageContaining("java.net.URI");
		}
	}

	@Test
	void taskThatCannotBeSerializedIsRefusedAtSubmit() {
		try (ClusterPoolManager grid = pool("unserializable", ClusterPoolManager.builder("unserializable",
				this.first))) {
			Object notSerializable = new Object();
			assertThatExceptionOfType(TaskSerializationException.class)
				.isThrownBy(() -> grid.submit(null, () -> notSerializable.hashCode()))
				.withMessageContaining("cannot be sent to the cluster");
			assertThat(grid.pending()).isZero();
		}
	}

	@Test
	void queueCapacityBoundsTheTasksInFlight() {
		try (ClusterPoolManager grid = pool("bounded", ClusterPoolManager.builder("bounded", this.first)
			.queueCapacity(2)
			.awaitTerminationPeriod(Duration.ZERO))) {
			grid.submit(null, () -> sleep(5_000));
			grid.submit(null, () -> sleep(5_000));
			assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> grid.submit(null, () -> 1))
				.withMessageContaining("saturated");
			List<?> cancelled = grid.stopNow();
			assertThat(cancelled).isEmpty();
			assertThat(grid.isTerminated()).isTrue();
		}
	}

	@Test
	void liteMembersRunNoTasksSoThePoolDoesNotCountThem() throws Exception {
		com.hazelcast.config.Config config = TestClusters.config(this.clusterName, this.basePort);
		config.setLiteMember(true);
		HazelcastInstance lite = com.hazelcast.core.Hazelcast.newHazelcastInstance(config);
		try (ClusterPoolManager grid = pool("from-lite", ClusterPoolManager.builder("from-lite", lite)
			.threadsPerMember(2))) {
			assertThat(lite.getCluster().getMembers()).hasSize(3);
			assertThat(grid.members()).as("the two data members").hasSize(2)
				.doesNotContain(ClusterMembers.address(lite.getCluster().getLocalMember()));
			assertThat(grid.stats().workers()).isEqualTo(4);
			assertThat(grid.counters().workers()).isEqualTo(4);
			assertThat(grid.submit(null, () -> 6 * 7).get(30, TimeUnit.SECONDS)).isEqualTo(42);
		}
		finally {
			lite.getLifecycleService().terminate();
		}
	}

	@Test
	void countersReadEachValueOnItsOwnAndAgreeWithTheSnapshot() throws Exception {
		try (ClusterPoolManager grid = pool("counted", ClusterPoolManager.builder("counted", this.first)
			.threadsPerMember(1)
			.queueCapacity(3)
			.awaitTerminationPeriod(Duration.ZERO))) {
			grid.submit(null, () -> 1).get(30, TimeUnit.SECONDS);
			grid.submit(null, () -> {
				throw new IllegalStateException("expected");
			}).handle((result, ex) -> ex).get(30, TimeUnit.SECONDS);
			for (int i = 0; i < 3; i++) {
				grid.submit(null, () -> sleep(30_000));
			}
			assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> grid.submit(null, () -> 1));
			PoolStats stats = grid.stats();
			PoolCounters counters = grid.counters();
			assertThat(counters).isNotInstanceOf(PoolCounters.of(grid::stats).getClass());
			assertThat(counters.coreSize()).isEqualTo(stats.coreSize()).isEqualTo(1);
			assertThat(counters.maxSize()).isEqualTo(stats.maxSize());
			assertThat(counters.workers()).isEqualTo(stats.workers()).isEqualTo(2);
			assertThat(counters.busyWorkers()).isEqualTo(stats.busyWorkers()).isEqualTo(2);
			assertThat(counters.queued()).isEqualTo(stats.queued()).isEqualTo(1);
			assertThat(counters.queueCapacity()).isEqualTo(stats.queueCapacity()).isEqualTo(3);
			assertThat(counters.completed()).isEqualTo(stats.completed()).isEqualTo(2);
			assertThat(counters.failed()).isEqualTo(stats.failed()).isEqualTo(1);
			assertThat(counters.rejected(RejectionReason.SATURATED)).isEqualTo(1);
			assertThat(counters.workerStarts()).isZero();
			grid.stopNow();
		}
	}

	@Test
	void stopWaitsForTasksInFlightThenTerminates() throws Exception {
		ClusterPoolManager grid = pool("stopping", ClusterPoolManager.builder("stopping", this.first));
		CompletableFuture<String> future = grid.submit(null, () -> {
			Thread.sleep(500);
			return "done";
		});
		grid.stop();
		assertThat(grid.state()).isEqualTo(PoolState.STOPPING);
		assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> grid.submit(null, () -> 1));
		assertThat(grid.awaitTermination(Duration.ofSeconds(10))).isTrue();
		assertThat(future.get()).isEqualTo("done");
		assertThat(grid.state()).isEqualTo(PoolState.TERMINATED);
	}

	@Test
	void settingsAreValidatedNamingTheKey() {
		assertThatThrownBy(() -> ClusterPoolManager.builder("bad", this.first).threadsPerMember(0).build())
			.hasMessageContaining("threads-per-member");
		assertThatThrownBy(() -> ClusterPoolManager.builder("bad", this.first).taskTimeout(Duration.ZERO).build())
			.hasMessageContaining("task-timeout");
		assertThatThrownBy(() -> ClusterPoolManager.builder("bad", this.first)
			.allowedClasses(List.of("com.example.* "))
			.build()).hasMessageContaining("allowed-classes");
	}

	@Test
	void memberThatLeavesFailsTheTasksOfAPoolThatIsNotDurableNamingIt() throws Exception {
		HazelcastInstance third = TestClusters.member(this.clusterName, this.basePort);
		String thirdAddress = ClusterMembers.address(third.getCluster().getLocalMember());
		List<String> left = new java.util.concurrent.CopyOnWriteArrayList<>();
		try (ClusterPoolManager grid = pool("volatile", ClusterPoolManager.builder("volatile", this.first)
			.durable(false)
			.threadsPerMember(4)
			.awaitTerminationPeriod(Duration.ZERO))) {
			grid.addListener(new PoolListener() {
				@Override
				public void memberLeft(PoolManager pool, String member, int members) {
					left.add(member);
				}
			});
			List<CompletableFuture<Integer>> futures = IntStream.range(0, 12)
				.mapToObj((i) -> grid.submit(null, () -> sleep(30_000)))
				.toList();
			Thread.sleep(1000);
			third.getLifecycleService().terminate();
			// The terminated member's executor threads may fail to answer for their
			// interrupted tasks (Hazelcast's own uncaught exception, not the pool's).
			org.awaitility.Awaitility.await()
				.dontCatchUncaughtExceptions()
				.atMost(Duration.ofSeconds(30))
				.until(() -> futures.stream().anyMatch(CompletableFuture::isCompletedExceptionally));
			Throwable failure = futures.stream()
				.filter(CompletableFuture::isCompletedExceptionally)
				.findFirst()
				.map((future) -> future.handle((result, ex) -> ex).join())
				.orElseThrow();
			assertThat(failure).isInstanceOf(MemberLeftException.class).hasMessageContaining(thirdAddress);
			assertThat(left).anyMatch((member) -> member.startsWith(thirdAddress));
		}
		finally {
			third.getLifecycleService().terminate();
		}
	}

	private static int sleep(long millis) throws InterruptedException {
		Thread.sleep(millis);
		return 1;
	}

}
