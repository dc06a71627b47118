package io.github.pools.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.github.pools.BrokenPoolException;
import io.github.pools.PendingTask;
import io.github.pools.PoolState;
import io.github.pools.RejectionReason;
import io.github.pools.TaskRejectedException;
import io.github.pools.TaskTimeoutException;
import io.github.pools.WorkerCrashedException;
import io.github.pools.WorkerExitReason;
import io.github.pools.process.StubWorkers.Start;
import io.github.pools.process.StubWorkers.Worker;
import io.github.pools.process.channel.FrameBuffer;
import io.github.pools.process.channel.FrameType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The process pool's machinery (dispatch, recycling, crashes, timeouts, start failures,
 * stopping) with {@link StubWorkers stub workers}: the same code paths as with worker
 * JVMs, in milliseconds. The real-JVM tests beside these prove the processes themselves.
 */
class WorkerPoolTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	/** A pool whose close gives held tasks a moment, not the default half minute. */
	private static ProcessPoolManager.Builder stub() {
		return ProcessPoolManager.builder("stub").awaitTermination(true).awaitTerminationPeriod(Duration.ofMillis(200));
	}

	private static ProcessPoolManager pool(StubWorkers workers, int maxSize) {
		ProcessPoolManager pool = stub().maxSize(maxSize).build(workers);
		pool.start();
		return pool;
	}

	private static <T> T result(CompletableFuture<T> future) {
		return future.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
	}

	private static Throwable failure(CompletableFuture<?> future) {
		return assertThat(future).failsWithin(WAIT).withThrowableOfType(ExecutionException.class).actual().getCause();
	}

	@Test
	void idleWorkerIsReusedForTheNextTask() {
		StubWorkers workers = new StubWorkers();
		try (ProcessPoolManager pool = pool(workers, 2)) {
			for (int i = 0; i < 5; i++) {
				int x = i;
				assertThat(result(pool.submit(null, () -> x * 2))).isEqualTo(i * 2);
			}
			assertThat(workers.started()).hasSize(1);
			assertThat(pool.stats().completed()).isEqualTo(5);
		}
	}

	@Test
	void tasksBeyondWorkersQueueAndBeyondTheQueueAreRefusedAsSaturated() throws Exception {
		StubWorkers workers = new StubWorkers().holdTasks();
		try (ProcessPoolManager pool = stub().maxSize(1).queueCapacity(1).build(workers)) {
			pool.start();
			CompletableFuture<Integer> running = pool.submit(null, () -> 1);
			workers.last().awaitTask();
			CompletableFuture<Integer> queued = pool.submit(null, () -> 2);
			assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> pool.submit(null, () -> 3));
			assertThat(pool.stats().rejected()).containsEntry(RejectionReason.SATURATED, 1L);
			assertThat(pool.stats().queued()).isOne();
			workers.last().answer();
			workers.last().answer();
			assertThat(result(running)).isEqualTo(1);
			assertThat(result(queued)).isEqualTo(2);
			assertThat(workers.started()).hasSize(1);
		}
	}

	@Test
	void workerIsRecycledAfterItsMaximumOfTasks() {
		StubWorkers workers = new StubWorkers();
		try (ProcessPoolManager pool = stub().maxSize(1).maxTasksPerWorker(2)
			.build(workers)) {
			pool.start();
			for (int i = 0; i < 5; i++) {
				result(pool.submit(null, () -> "x"));
			}
			assertThat(workers.started()).hasSize(3);
			await().atMost(WAIT).until(() -> pool.stats().processes().exits().get(WorkerExitReason.RECYCLED) == 2);
		}
	}

	@Test
	void crashFailsOnlyTheTaskItRanAndTheNextTaskGetsAFreshWorker() throws Exception {
		StubWorkers workers = new StubWorkers().holdTasks();
		try (ProcessPoolManager pool = pool(workers, 1)) {
			CompletableFuture<Integer> crashing = pool.submit(null, () -> 1);
			workers.last().awaitTask();
			CompletableFuture<Integer> next = pool.submit(null, () -> 2);
			Worker first = workers.last();
			first.crash(134);
			assertThat(failure(crashing)).isInstanceOf(WorkerCrashedException.class)
				.hasMessageContaining("exit code 134");
			await().atMost(WAIT).until(() -> workers.started().size() == 2);
			workers.last().answer();
			assertThat(result(next)).isEqualTo(2);
			await().atMost(WAIT).until(() -> pool.stats().failed() == 1);
			assertThat(pool.stats().processes().crashes()).isOne();
		}
	}

	@Test
	void taskTimeoutKillsTheWorkerAndFailsTheTask() {
		StubWorkers workers = new StubWorkers().holdTasks();
		try (ProcessPoolManager pool = stub().maxSize(1)
			.taskTimeout(Duration.ofMillis(100))
			.build(workers)) {
			pool.start();
			CompletableFuture<Integer> hanging = pool.submit(null, () -> 1);
			assertThat(failure(hanging)).isInstanceOf(TaskTimeoutException.class);
			await().atMost(WAIT).until(() -> workers.started().get(0).hasExited());
			await().atMost(WAIT)
				.until(() -> pool.stats().processes().exits().get(WorkerExitReason.TIMEOUT) == 1);
		}
	}

	@Test
	void cancelWithInterruptKillsTheWorkerAndCancelWithoutLetsItFinish() throws Exception {
		StubWorkers workers = new StubWorkers().holdTasks();
		try (ProcessPoolManager pool = pool(workers, 1)) {
			CompletableFuture<Integer> first = pool.submit(null, () -> 1);
			workers.last().awaitTask();
			first.cancel(true);
			await().atMost(WAIT).until(() -> workers.started().get(0).hasExited());

			CompletableFuture<Integer> second = pool.submit(null, () -> 2);
			await().atMost(WAIT).until(() -> workers.started().size() == 2);
			Worker keeps = workers.last();
			keeps.awaitTask();
			second.cancel(false);
			assertThatExceptionOfType(CancellationException.class).isThrownBy(second::join);
			keeps.answer(); // the task ran to its end; its result is dropped
			CompletableFuture<Integer> third = pool.submit(null, () -> 3);
			keeps.answer();
			assertThat(result(third)).isEqualTo(3);
			assertThat(keeps.hasExited()).isFalse();
			assertThat(pool.stats().processes().exits()).containsEntry(WorkerExitReason.CANCELLED, 1L);
		}
	}

	@Test
	void threeStartFailuresBreakThePoolWhichRecoversWhenAWorkerStarts() {
		StubWorkers workers = new StubWorkers().next(Start.FAIL, Start.FAIL, Start.FAIL);
		try (ProcessPoolManager pool = pool(workers, 1)) {
			CompletableFuture<Integer> waiting = pool.submit(null, () -> 1);
			assertThat(failure(waiting)).isInstanceOf(BrokenPoolException.class);
			await().atMost(WAIT).until(() -> pool.state() == PoolState.BROKEN);
			assertThatExceptionOfType(BrokenPoolException.class).isThrownBy(() -> pool.submit(null, () -> 2));
			// The next start (queued: none, so ready) recovers the pool after a pause.
			await().atMost(WAIT).until(() -> pool.state() == PoolState.RUNNING);
			assertThat(result(pool.submit(null, () -> 3))).isEqualTo(3);
		}
	}

	@Test
	void startsAfterFailuresWaitLongerAndLongerAndABrokenPoolAtLeastASecond() {
		StubWorkers workers = new StubWorkers().next(Start.FAIL, Start.FAIL, Start.FAIL, Start.FAIL);
		try (ProcessPoolManager pool = pool(workers, 1)) {
			assertThat(failure(pool.submit(null, () -> 1))).isInstanceOf(BrokenPoolException.class);
			await().atMost(Duration.ofSeconds(30)).until(() -> pool.state() == PoolState.RUNNING);
			assertThat(result(pool.submit(null, () -> 2))).isEqualTo(2);
			List<Worker> started = workers.started();
			assertThat(started).hasSize(5);
			assertThat(gapMillis(started, 0)).as("after one failure").isGreaterThanOrEqualTo(100);
			assertThat(gapMillis(started, 1)).as("after two").isGreaterThanOrEqualTo(200);
			assertThat(gapMillis(started, 2)).as("after three: broken").isGreaterThanOrEqualTo(1000);
			assertThat(gapMillis(started, 3)).as("broken, after four").isGreaterThanOrEqualTo(2000);
		}
		assertThat(WorkerLauncher.pause(20)).as("at most")
			.isEqualTo(WorkerLauncher.pause(8))
			.isEqualTo(TimeUnit.SECONDS.toNanos(30));
	}

	private static long gapMillis(List<Worker> started, int index) {
		return TimeUnit.NANOSECONDS.toMillis(started.get(index + 1).startedAtNanos - started.get(index).startedAtNanos);
	}

	@Test
	void workersKilledFromOutsideWhileStartingDoNotBreakThePool() {
		StubWorkers workers = new StubWorkers().next(Start.KILLED, Start.KILLED, Start.KILLED, Start.KILLED);
		try (ProcessPoolManager pool = pool(workers, 1)) {
			assertThat(result(pool.submit(null, () -> 1))).isEqualTo(1);
			assertThat(workers.started()).hasSize(5);
			assertThat(pool.state()).isEqualTo(PoolState.RUNNING);
			assertThat(pool.stats().processes().startFailures()).isZero();
		}
	}

	@Test
	void startThatHangsPastTheStartTimeoutIsKilledAndCountsAsAFailure() {
		StubWorkers workers = new StubWorkers().next(Start.HANG);
		try (ProcessPoolManager pool = stub().maxSize(1)
			.startTimeout(Duration.ofMillis(200))
			.build(workers)) {
			pool.start();
			assertThat(result(pool.submit(null, () -> 1))).isEqualTo(1);
			assertThat(workers.started()).hasSize(2);
			assertThat(workers.started().get(0).hasExited()).isTrue();
			assertThat(pool.stats().processes().startFailures()).isOne();
		}
	}

	@Test
	void prestartedCoreWorkerKilledWhileIdleIsReplacedAtOnce() {
		StubWorkers workers = new StubWorkers();
		try (ProcessPoolManager pool = stub().coreSize(1).maxSize(1).prestart(true)
			.build(workers)) {
			pool.start();
			await().atMost(WAIT).until(() -> pool.stats().workers() == 1);
			workers.last().crash(137);
			await().atMost(WAIT).until(() -> workers.started().size() == 2 && pool.stats().workers() == 1);
		}
	}

	@Test
	void resultThatCannotBeDecodedFailsItsTaskAndNoOther() throws Exception {
		StubWorkers workers = new StubWorkers().holdTasks();
		try (ProcessPoolManager pool = pool(workers, 1)) {
			CompletableFuture<Integer> victim = pool.submit(null, () -> 1);
			workers.last().awaitTask();
			CompletableFuture<Integer> next = pool.submit(null, () -> 2);
			FrameBuffer garbage = new FrameBuffer(16);
			garbage.write(new byte[] { 1, 2, 3, 4 }, 0, 4); // a result whose bytes are not a serialized object
			workers.last().answer(garbage.finish(FrameType.RESULT));
			assertThat(failure(victim)).hasMessageContaining("stub");
			workers.last().answer(); // the frame was whole: the worker goes on
			assertThat(result(next)).isEqualTo(2);
			assertThat(workers.started()).hasSize(1);
		}
	}

	@Test
	void stopNowReturnsQueuedTasksAndEndsRunningOnes() throws Exception {
		StubWorkers workers = new StubWorkers().holdTasks();
		ProcessPoolManager pool = pool(workers, 1);
		CompletableFuture<Integer> running = pool.submit(null, () -> 1);
		workers.last().awaitTask();
		CompletableFuture<Integer> queued = pool.submit(null, () -> 2);
		List<PendingTask> pending = pool.stopNow();
		assertThat(pending).extracting(PendingTask::future).containsExactly(queued);
		assertThat(running).isCompletedExceptionally();
		assertThat(pool.awaitTermination(WAIT)).isTrue();
		assertThat(workers.started()).allMatch(Worker::hasExited);
	}

	@Test
	void stopRunsWhatWasAcceptedThenTerminates() throws Exception {
		StubWorkers workers = new StubWorkers().holdTasks();
		ProcessPoolManager pool = pool(workers, 1);
		List<CompletableFuture<Integer>> futures = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			int x = i;
			futures.add(pool.submit(null, () -> x));
		}
		pool.stop();
		assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> pool.submit(null, () -> 9));
		for (int i = 0; i < 3; i++) {
			workers.last().answer();
		}
		assertThat(futures).allSatisfy((future) -> assertThat(future).succeedsWithin(WAIT));
		assertThat(pool.awaitTermination(WAIT)).isTrue();
		assertThat(workers.last().received()).endsWith(FrameType.STOP);
	}

	@Test
	void queuedTaskCompletedByItsCallerIsNeitherRunNorCounted() throws Exception {
		StubWorkers workers = new StubWorkers().holdTasks();
		try (ProcessPoolManager pool = pool(workers, 1)) {
			CompletableFuture<Integer> running = pool.submit(null, () -> 1);
			workers.last().awaitTask();
			CompletableFuture<Integer> dropped = pool.submit(null, () -> 2);
			dropped.complete(42);
			workers.last().answer();
			assertThat(result(running)).isEqualTo(1);
			CompletableFuture<Integer> after = pool.submit(null, () -> 3);
			workers.last().answer();
			assertThat(result(after)).isEqualTo(3);
			assertThat(pool.stats().completed()).isEqualTo(2);
			assertThat(workers.last().received()).hasSize(2);
		}
	}

	@Test
	void idleWorkerAboveTheCoreSizeLeavesAfterTheIdleTimeout() {
		StubWorkers workers = new StubWorkers();
		try (ProcessPoolManager pool = stub().coreSize(0).maxSize(1)
			.idleTimeout(Duration.ofMillis(100))
			.build(workers)) {
			pool.start();
			result(pool.submit(null, () -> 1));
			await().atMost(WAIT).until(() -> workers.started().get(0).hasExited());
			assertThat(pool.stats().workers()).isZero();
		}
	}

}
