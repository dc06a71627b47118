package io.github.pools.process;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import io.github.pools.BrokenPoolException;
import io.github.pools.PoolState;
import io.github.pools.PoolStats;
import io.github.pools.RejectionReason;
import io.github.pools.TaskTimeoutException;
import io.github.pools.WorkerCrashedException;
import io.github.pools.WorkerExitReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
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
	@DisabledOnOs(OS.WINDOWS)
	void workerThatHaltsWithACodeAbove128IsNotSaidToBeKilledByASignal() {
		try (ProcessPoolManager pool = pool("halting-134").build()) {
			pool.start();
			CompletableFuture<Object> crashing = pool.submit(null, () -> {
				Runtime.getRuntime().halt(134);
				return null;
			});
			WorkerCrashedException crash = (WorkerCrashedException) assertThat(crashing).failsWithin(WAIT)
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(WorkerCrashedException.class)
				.actual()
				.getCause();
			assertThat(crash.getExitCode()).isEqualTo(134);
			assertThat(crash).hasMessageContaining(
					"exit code 134 (the worker called exit or halt(134), or it was killed by signal 6, SIGABRT)");
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
		// The timeout also bounds the first task of the cold replacement worker: 300 ms
		// was too short for it on a loaded machine.
		try (ProcessPoolManager pool = pool("timeout").taskTimeout(Duration.ofSeconds(2)).build()) {
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
	void cancelWithInterruptAfterCancelWithoutInterruptLeavesTheWorkerAlone() {
		try (ProcessPoolManager pool = pool("cancel-twice").build()) {
			pool.start();
			CompletableFuture<Object> running = pool.submit(null, ProcessPoolManagerTests::sleepLong);
			long pid = busyWorkerPid(pool);
			assertThat(running.cancel(false)).isTrue();
			assertThat(running.cancel(true)).isFalse(); // already cancelled: no effect
			assertThat(running).isCancelled();
			await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> Processes.isRunning(pid));
			assertThat(exits(pool, WorkerExitReason.CANCELLED)).isZero();
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
				.withMessageContaining("garbage on the channel\\n")
				.withMessageContaining("(killed by signal 9, SIGKILL)");
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
			assertThat(stats.processes().startFailures()).isEqualTo(WorkerLauncher.MAX_CONSECUTIVE_START_FAILURES);
			assertThat(stats.rejected()).containsEntry(RejectionReason.BROKEN, 1L);
		}
	}

	@Test
	void workerThatPrintsOnItsChannelBeforeReadyIsAStartFailureNotAKillFromOutside() {
		// The pool kills such a worker itself (exit code 137): that must count as a failed
		// start, or a misconfigured pool would start workers forever without breaking. A
		// native library that prints a banner when it loads does this.
		try (ProcessPoolManager pool = pool("printing").initializer(ProcessPoolSupervisionTests::printBanner)
			.build()) {
			pool.start();
			CompletableFuture<Integer> queued = pool.submit(null, () -> 1);
			assertThat(queued).failsWithin(WAIT)
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(BrokenPoolException.class)
				.withMessageContaining("standard output is its channel")
				.withMessageContaining("native banner");
			assertThat(pool.stats().processes().startFailures())
				.isEqualTo(WorkerLauncher.MAX_CONSECUTIVE_START_FAILURES);
		}
	}

	private static void printBanner() {
		try {
			FileOutputStream channel = new FileOutputStream(FileDescriptor.out);
			channel.write("native banner\n".getBytes(StandardCharsets.US_ASCII));
			channel.flush();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	@Test
	void workersCanBeProfiledWithAFlightRecordingFromJvmArgs(@TempDir Path recordings) throws Exception {
		// A recording started from the command line announces itself on standard output
		// unless the pool switches that log off.
		try (ProcessPoolManager pool = pool("recorded")
			.jvmArgs(List.of("-XX:StartFlightRecording=filename=" + recordings + "/worker.jfr")).build()) {
			pool.start();
			assertThat(pool.submit(null, () -> 42)).succeedsWithin(WAIT).isEqualTo(42);
			assertThat(pool.stats().processes().startFailures()).isZero();
		}
		await().atMost(WAIT).until(() -> java.nio.file.Files.exists(recordings.resolve("worker.jfr")));
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
	void workerKilledBeforeItsProcessWasKnownIsKilledOnceItIs() throws Exception {
		WorkerStarter starter = new JvmWorkerStarter("late-kill",
				WorkerCommand.create(Path.of(Processes.javaExecutable()), List.of(), null,
						System.getProperty("java.class.path")),
				Map.of(), List.of(), 1 << 20, 100, null, null, null);
		PooledWorker worker = new PooledWorker("late-kill", 1, false, System.nanoTime());
		// The supervisor's start deadline passed while the launcher was still starting the process.
		worker.kill();
		WorkerProcess process = starter.start(1);
		worker.attach(process);
		try {
			await("worker killed as soon as it was attached").atMost(WAIT).until(() -> !process.isAlive());
			assertThatExceptionOfType(WorkerStartException.class).isThrownBy(process::awaitReady)
				.satisfies((ex) -> assertThat(ex.getExitCode()).isEqualTo(137));
		}
		finally {
			process.kill();
		}
	}

	@Test
	void workersKilledWithSigkillWhileStartingDoNotBreakThePoolWhichServesOnceTheKillingStops() {
		try (ProcessPoolManager pool = pool("killed-while-starting").initializer(() -> {
			try {
				Thread.sleep(1500); // a wide start window to kill the worker in
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}).build()) {
			pool.start();
			CompletableFuture<Long> task = pool.submit(null, () -> ProcessHandle.current().pid());
			Set<Long> killed = new HashSet<>();
			for (int i = 0; i < 3; i++) {
				ProcessHandle starting = await("worker " + (i + 1) + " starting").atMost(WAIT)
					.until(() -> startingWorker("killed-while-starting", killed), Optional::isPresent)
					.orElseThrow();
				assertThat(task).isNotDone();
				killed.add(starting.pid());
				starting.destroyForcibly(); // kill -9 from outside, before the worker is ready
				await().atMost(WAIT).until(() -> !Processes.isRunning(starting.pid()));
			}
			long servedBy = result(task);
			assertThat(killed).hasSize(3).doesNotContain(servedBy);
			assertThat(pool.state()).isEqualTo(PoolState.RUNNING);
			assertThat(pool.stats().processes().startFailures()).isZero();
			assertThat(pool.submit(null, () -> "served again")).succeedsWithin(WAIT).isEqualTo("served again");
		}
	}

	@Test
	void prestartedCoreWorkerKilledWhileIdleIsReplacedAtOnce() {
		try (ProcessPoolManager pool = pool("prestarted-killed").coreSize(1).prestart(true).build()) {
			pool.start();
			await().atMost(WAIT).until(() -> pool.stats().freeWorkers() == 1);
			long first = pool.stats().processes().pids().get(0);
			ProcessHandle.of(first).orElseThrow().destroyForcibly();
			// Replaced without a task asking for a worker.
			await().atMost(WAIT)
				.until(() -> pool.stats().freeWorkers() == 1 && !pool.stats().processes().pids().contains(first));
			assertThat(pool.stats().processes().starts()).isGreaterThanOrEqualTo(2);
			assertThat(pool.stats().processes().startFailures()).isZero();
		}
	}

	/**
	 * A worker JVM of a pool that has not been killed yet, found by the system property
	 * near the start of its command line: Linux shows only the first 4096 characters.
	 */
	private static Optional<ProcessHandle> startingWorker(String poolName, Set<Long> killed) {
		String marker = "-Dio.github.pools.worker=" + poolName + "#";
		return ProcessHandle.current()
			.children()
			.filter(ProcessHandle::isAlive)
			.filter((process) -> !killed.contains(process.pid()))
			.filter((process) -> process.info().commandLine().orElse("").contains(marker))
			.findFirst();
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
