package io.github.pools.process;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import io.github.pools.BrokenPoolException;
import io.github.pools.PoolState;
import io.github.pools.PoolStats;
import io.github.pools.RejectionReason;
import io.github.pools.TaskTimeoutException;
import io.github.pools.WorkerCrashedException;
import io.github.pools.WorkerExitReason;
import io.github.pools.process.channel.ObjectCodec;
import io.github.pools.process.channel.ObjectFilters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static io.github.pools.process.ProcessPoolManagerTests.result;
import static io.github.pools.process.ProcessPoolManagerTests.sleepLong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Workers that crash, hang, misbehave or cannot start: only the task at hand fails, and
 * the pool goes on or, when workers cannot start at all, breaks instead of spinning.
 */
@ExtendWith(NoWorkerLeftBehind.class)
class ProcessPoolSupervisionTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static ProcessPoolManager.Builder pool(String name) {
		return ProcessPoolManager.builder(name).maxSize(1);
	}

	private static long exits(ProcessPoolManager pool, WorkerExitReason reason) {
		return pool.stats().processes().exits().get(reason);
	}

	private static long busyWorkerPid(ProcessPoolManager pool) {
		await().atMost(WAIT).until(() -> pool.stats().busyWorkers() == 1);
		return pool.stats().processes().pids().get(0);
	}

	@Test
	void workerThatHaltsMidTaskFailsOnlyThatTaskAndIsReplaced() {
		try (ProcessPoolManager pool = pool("halting").build()) {
			pool.start();
			long firstPid = result(pool.submit(null, () -> ProcessHandle.current().pid()));
			CompletableFuture<Object> crashing = pool.submit(null, () -> {
				System.out.println("about to halt");
				Runtime.getRuntime().halt(42);
				return null;
			});
			WorkerCrashedException crash = (WorkerCrashedException) assertThat(crashing).failsWithin(WAIT)
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(WorkerCrashedException.class)
				.actual()
				.getCause();
			assertThat(crash.getExitCode()).isEqualTo(42);
			assertThat(crash.getPid()).isEqualTo(firstPid);
			assertThat(crash.getStderrTail()).contains("about to halt");
			assertThat(crash).hasMessageContaining("exit code 42").hasMessageContaining("about to halt");
			long secondPid = result(pool.submit(null, () -> ProcessHandle.current().pid()));
			assertThat(secondPid).isNotEqualTo(firstPid);
			PoolStats stats = pool.stats();
			assertThat(stats.processes().crashes()).isOne();
			assertThat(stats.processes().restarts()).isOne();
			await().atMost(WAIT).until(() -> pool.stats().failed() == 1); // counted just after the future fails
		}
	}

	@Test
	void workerOutOfMemoryEndsAsCrash() {
		try (ProcessPoolManager pool = pool("out-of-memory").jvmArgs(List.of("-Xmx32m", "-XX:+UseSerialGC")).build()) {
			pool.start();
			CompletableFuture<Integer> hungry = pool.submit(null, () -> {
				List<long[]> hoard = new java.util.ArrayList<>();
				while (true) {
					hoard.add(new long[1 << 20]);
				}
			});
			assertThat(hungry).failsWithin(WAIT)
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(WorkerCrashedException.class)
				.withMessageContaining("OutOfMemoryError");
			assertThat(pool.stats().processes().crashes()).isOne();
			assertThat(pool.submit(null, () -> "recovered")).succeedsWithin(WAIT).isEqualTo("recovered");
		}
	}

	@Test
	void workerKilledFromOutsideMidTaskFailsThatTask() {
		try (ProcessPoolManager pool = pool("killed").build()) {
			pool.start();
			CompletableFuture<Object> running = pool.submit(null, ProcessPoolManagerTests::sleepLong);
			long pid = busyWorkerPid(pool);
			ProcessHandle.of(pid).orElseThrow().destroyForcibly();
			assertThat(running).failsWithin(WAIT)
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(WorkerCrashedException.class)
				.withMessageContaining("pid " + pid)
				.withMessageContaining("signal 9");
			assertThat(pool.submit(null, () -> "served")).succeedsWithin(WAIT).isEqualTo("served");
			assertThat(pool.stats().processes().crashes()).isOne();
		}
	}

	@Test
	void taskPastTimeoutFailsAndItsWorkerIsKilled() {
		try (ProcessPoolManager pool = pool("timeout").taskTimeout(Duration.ofMillis(300)).build()) {
			pool.start();
			CompletableFuture<Object> slow = pool.submit(null, ProcessPoolManagerTests::sleepLong);
			long pid = busyWorkerPid(pool);
			assertThat(slow).failsWithin(WAIT)
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(TaskTimeoutException.class)
				.withMessageContaining("task-timeout");
			await().atMost(WAIT).until(() -> !Processes.isRunning(pid));
			await().atMost(WAIT).until(() -> pool.stats().processes().timeouts() == 1);
			assertThat(pool.submit(null, () -> "fast")).succeedsWithin(WAIT).isEqualTo("fast");
		}
	}

	@Test
	void cancelWithInterruptKillsTheRunningTasksWorker() {
		try (ProcessPoolManager pool = pool("cancel-running").build()) {
			pool.start();
			CompletableFuture<Object> running = pool.submit(null, ProcessPoolManagerTests::sleepLong);
			long pid = busyWorkerPid(pool);
			assertThat(running.cancel(true)).isTrue();
			assertThat(running).isCancelled();
			await().atMost(WAIT).until(() -> !Processes.isRunning(pid));
			await().atMost(WAIT).until(() -> exits(pool, WorkerExitReason.CANCELLED) == 1);
			assertThat(pool.submit(null, () -> "next")).succeedsWithin(WAIT).isEqualTo("next");
		}
	}

	@Test
	void cancelWithoutInterruptLetsTheWorkerFinishAndDropsTheResult(@TempDir Path temp) {
		Gate gate = Gate.in(temp);
		try (ProcessPoolManager pool = pool("cancel-gently").build()) {
			pool.start();
			CompletableFuture<Long> running = pool.submit(null, () -> {
				gate.pass();
				return ProcessHandle.current().pid();
			});
			long pid = busyWorkerPid(pool);
			assertThat(running.cancel(false)).isTrue();
			gate.open();
			assertThat(result(pool.submit(null, () -> ProcessHandle.current().pid()))).isEqualTo(pid);
			assertThat(exits(pool, WorkerExitReason.CANCELLED)).isZero();
			assertThat(running).isCancelled();
		}
	}

	@Test
	void cancelOfQueuedTaskRemovesItFromTheQueue(@TempDir Path temp) {
		Gate gate = Gate.in(temp);
		try (ProcessPoolManager pool = pool("cancel-queued").build()) {
			pool.start();
			CompletableFuture<String> first = pool.submit(null, () -> {
				gate.pass();
				return "first";
			});
			busyWorkerPid(pool);
			CompletableFuture<String> second = pool.submit(null, () -> "second");
			assertThat(pool.stats().queued()).isOne();
			assertThat(second.cancel(false)).isTrue();
			assertThat(pool.stats().queued()).isZero();
			gate.open();
			assertThat(first).succeedsWithin(WAIT).isEqualTo("first");
			assertThat(second).isCancelled();
			await().atMost(WAIT).until(() -> pool.stats().busyWorkers() == 0);
			assertThat(pool.stats().completed()).isOne();
		}
	}

	@Test
	void taskWritingToTheChannelKillsItsWorkerAsProtocolError() {
		try (ProcessPoolManager pool = pool("corrupt").build()) {
			pool.start();
			CompletableFuture<Object> corrupting = pool.submit(null, () -> {
				FileOutputStream channel = new FileOutputStream(FileDescriptor.out);
				channel.write("garbage on the channel\n".getBytes(StandardCharsets.US_ASCII));
				channel.flush();
				return sleepLong();
			});
			assertThat(corrupting).failsWithin(WAIT)
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(WorkerCrashedException.class)
				.withMessageContaining("broke the channel protocol")
				.withMessageContaining("garbage on the channel\\n");
			await().atMost(WAIT).until(() -> exits(pool, WorkerExitReason.PROTOCOL_ERROR) == 1);
			assertThat(pool.submit(null, () -> "clean")).succeedsWithin(WAIT).isEqualTo("clean");
		}
	}

	@Test
	void workerIsRecycledAfterMaxTasks() {
		try (ProcessPoolManager pool = pool("recycled").maxTasksPerWorker(2).build()) {
			pool.start();
			long first = result(pool.submit(null, () -> ProcessHandle.current().pid()));
			long second = result(pool.submit(null, () -> ProcessHandle.current().pid()));
			long third = result(pool.submit(null, () -> ProcessHandle.current().pid()));
			assertThat(second).isEqualTo(first);
			assertThat(third).isNotEqualTo(first);
			await().atMost(WAIT).until(() -> exits(pool, WorkerExitReason.RECYCLED) == 1);
			assertThat(pool.stats().processes().restarts()).isOne();
			assertThat(Processes.isRunning(first)).isFalse();
		}
	}

	@Test
	void idleWorkersAboveCoreSizeExit() {
		try (ProcessPoolManager pool = ProcessPoolManager.builder("shrinking")
			.coreSize(1)
			.maxSize(2)
			.idleTimeout(Duration.ofMillis(300))
			.build()) {
			pool.start();
			CompletableFuture<String> a = pool.submit(null, () -> {
				Thread.sleep(200);
				return "a";
			});
			CompletableFuture<String> b = pool.submit(null, () -> {
				Thread.sleep(200);
				return "b";
			});
			assertThat(a).succeedsWithin(WAIT);
			assertThat(b).succeedsWithin(WAIT);
			await().atMost(WAIT).until(() -> exits(pool, WorkerExitReason.IDLE) == 1);
			PoolStats stats = pool.stats();
			assertThat(stats.processes().starts()).isEqualTo(2);
			assertThat(stats.workers()).isOne();
		}
	}

	@Test
	void workerWhoseFinalizerHangsIsKilledAfterStartTimeout() {
		try (ProcessPoolManager pool = ProcessPoolManager.builder("hanging-finalizer")
			.coreSize(0)
			.maxSize(1)
			.idleTimeout(Duration.ofMillis(200))
			.startTimeout(Duration.ofSeconds(3))
			.finalizer(() -> {
				try {
					Thread.sleep(600_000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			})
			.build()) {
			pool.start();
			long pid = result(pool.submit(null, () -> ProcessHandle.current().pid()));
			await("worker with a hanging finalizer is killed").atMost(WAIT).until(() -> !Processes.isRunning(pid));
			await().atMost(WAIT).until(() -> exits(pool, WorkerExitReason.IDLE) == 1);
			assertThat(pool.state()).isEqualTo(PoolState.RUNNING);
			assertThat(pool.stats().workers()).isZero();
		}
	}

	@Test
	void repeatedStartFailuresBreakThePool() {
		try (ProcessPoolManager pool = pool("broken").jvmArgs(List.of("-XX:+NoSuchFlag")).build()) {
			pool.start();
			CompletableFuture<Integer> queued = pool.submit(null, () -> 1);
			assertThat(queued).failsWithin(WAIT)
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(BrokenPoolException.class)
				.withMessageContaining("NoSuchFlag");
			assertThat(pool.state()).isEqualTo(PoolState.BROKEN);
			assertThatExceptionOfType(BrokenPoolException.class).isThrownBy(() -> pool.submit(null, () -> 2));
			assertThatExceptionOfType(BrokenPoolException.class).isThrownBy(pool::check)
				.withCauseInstanceOf(WorkerStartException.class);
			PoolStats stats = pool.stats();
			assertThat(stats.state()).isEqualTo(PoolState.BROKEN);
			assertThat(stats.processes().startFailures()).isEqualTo(WorkerPool.MAX_CONSECUTIVE_START_FAILURES);
			assertThat(stats.rejected()).containsEntry(RejectionReason.BROKEN, 1L);
		}
	}

	@Test
	void initializerThatThrowsCountsAsStartFailure() {
		try (ProcessPoolManager pool = pool("bad-initializer").initializer(() -> {
			throw new IllegalStateException("no database");
		}).build()) {
			pool.start();
			assertThat(pool.submit(null, () -> 1)).failsWithin(WAIT)
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(BrokenPoolException.class)
				.withMessageContaining("its initializer failed");
			assertThatExceptionOfType(BrokenPoolException.class).isThrownBy(pool::check)
				.satisfies((ex) -> assertThat(ex.getCause()).hasRootCauseMessage("java.lang.IllegalStateException: no database"));
		}
	}

	@Test
	void workerWhoseStartTimedOutBeforeItsProcessWasKnownIsKilled() {
		ProcessPoolManager manager = pool("late-timeout").build();
		PoolConfig config = new PoolConfig("late-timeout", 1, null, 0, Duration.ofSeconds(60), Duration.ofSeconds(30),
				false, false, 1 << 20, new ObjectCodec(ObjectFilters.of(List.of(), 1 << 20, 100)), null, null,
				WorkerCommand.create(Path.of(Processes.javaExecutable()), List.of(), null,
						System.getProperty("java.class.path")),
				Map.of());
		WorkerHandle worker = new WorkerHandle(1, new WorkerPool(manager, config, 1, 1), config, false);
		// The supervisor's deadline passed while launch() was still starting the process.
		worker.startTimedOut();
		try {
			WorkerStartException failure = worker.launch();
			assertThat(failure).isNotNull().hasMessageContaining("start-timeout");
			assertThat(Processes.isRunning(worker.pid())).isFalse();
		}
		finally {
			worker.destroy();
			manager.close();
		}
	}

	@Test
	void workerNotReadyWithinStartTimeoutIsAStartFailure() {
		try (ProcessPoolManager pool = pool("slow-start").startTimeout(Duration.ofMillis(200)).initializer(() -> {
			try {
				Thread.sleep(60_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}).build()) {
			pool.start();
			assertThat(pool.submit(null, () -> 1)).failsWithin(WAIT)
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(BrokenPoolException.class)
				.withMessageContaining("start-timeout");
		}
	}

}
