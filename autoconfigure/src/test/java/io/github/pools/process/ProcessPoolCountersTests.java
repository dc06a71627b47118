package io.github.pools.process;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import io.github.pools.PoolCounters;
import io.github.pools.PoolStats;
import io.github.pools.RejectionReason;
import io.github.pools.TaskRejectedException;
import io.github.pools.WorkerExitReason;
import io.github.pools.process.StubWorkers.Start;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for a process pool's {@link ProcessPoolManager#counters() counters}, read one
 * field at a time: each agrees with the {@link ProcessPoolManager#stats() snapshot}.
 */
class ProcessPoolCountersTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Test
	void countersFollowTheSnapshotAsTasksRunQueueFailAndWorkersExit() throws Exception {
		StubWorkers workers = new StubWorkers().holdTasks().next(Start.READY, Start.FAIL);
		try (ProcessPoolManager pool = ProcessPoolManager.builder("counted")
			.awaitTermination(true)
			.awaitTerminationPeriod(Duration.ofMillis(200))
			.coreSize(0)
			.maxSize(1)
			.queueCapacity(2)
			.build(workers)) {
			PoolCounters counters = pool.counters();
			assertSame(counters, pool.stats());
			pool.start();
			CompletableFuture<Integer> running = pool.submit(null, () -> 1);
			workers.last().awaitTask();
			CompletableFuture<Integer> queued = pool.submit(null, () -> 2);
			assertThat(counters.busyWorkers()).isOne();
			assertThat(counters.workers()).isOne();
			assertThat(counters.queued()).isOne();
			assertThat(counters.queueRemaining()).isOne();
			CompletableFuture<Integer> third = pool.submit(null, () -> 3);
			assertThat(counters.rejected(RejectionReason.SATURATED)).isZero();
			assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> pool.submit(null, () -> 4));
			assertThat(counters.rejected(RejectionReason.SATURATED)).isOne();
			assertThat(counters.queued()).isEqualTo(2);
			assertThat(counters.queueRemaining()).isZero();
			assertSame(counters, pool.stats());
			workers.last().crash(134);
			assertThat(running).failsWithin(WAIT).withThrowableOfType(ExecutionException.class);
			// the replacement's first start fails, the next one serves both queued tasks
			await().atMost(WAIT).until(() -> counters.workerStarts() == 2);
			workers.last().answer();
			workers.last().answer();
			assertThat(queued.get()).isEqualTo(2);
			assertThat(third.get()).isEqualTo(3);
			await().atMost(WAIT).until(() -> counters.completed() == 3 && counters.busyWorkers() == 0);
			assertThat(counters.failed()).isOne();
			assertThat(counters.queued()).isZero();
			assertThat(counters.workerExits(WorkerExitReason.CRASH)).isOne();
			assertThat(counters.workerStartFailures()).isOne();
			assertSame(counters, pool.stats());
			pool.resize(1, 3);
			assertThat(counters.coreSize()).isOne();
			assertThat(counters.maxSize()).isEqualTo(3);
		}
	}

	private static void assertSame(PoolCounters counters, PoolStats stats) {
		assertThat(counters.coreSize()).isEqualTo(stats.coreSize());
		assertThat(counters.maxSize()).isEqualTo(stats.maxSize());
		assertThat(counters.workers()).isEqualTo(stats.workers());
		assertThat(counters.busyWorkers()).isEqualTo(stats.busyWorkers());
		assertThat(counters.queued()).isEqualTo(stats.queued());
		assertThat(counters.queueCapacity()).isEqualTo(stats.queueCapacity());
		assertThat(counters.queueRemaining()).isEqualTo(stats.queueRemaining());
		assertThat(counters.completed()).isEqualTo(stats.completed());
		assertThat(counters.failed()).isEqualTo(stats.failed());
		for (RejectionReason reason : RejectionReason.values()) {
			assertThat(counters.rejected(reason)).isEqualTo(stats.rejected().get(reason));
		}
		assertThat(counters.workerStarts()).isEqualTo(stats.processes().starts());
		assertThat(counters.workerRestarts()).isEqualTo(stats.processes().restarts());
		assertThat(counters.workerStartFailures()).isEqualTo(stats.processes().startFailures());
		for (WorkerExitReason reason : WorkerExitReason.values()) {
			assertThat(counters.workerExits(reason)).isEqualTo(stats.processes().exits().get(reason));
		}
	}

}
