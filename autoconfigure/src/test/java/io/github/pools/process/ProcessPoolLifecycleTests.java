package io.github.pools.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.github.pools.BrokenPoolException;
import io.github.pools.PendingTask;
import io.github.pools.PoolState;
import io.github.pools.RejectionReason;
import io.github.pools.SerializableCallable;
import io.github.pools.TaskRejectedException;
import io.github.pools.WorkerExitReason;
import io.github.pools.process.channel.Frame;
import io.github.pools.process.channel.FrameBuffer;
import io.github.pools.process.channel.FrameReader;
import io.github.pools.process.channel.FrameType;
import io.github.pools.process.channel.ObjectCodec;
import io.github.pools.process.channel.WorkerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Stopping pools, and workers that must not outlive their pool.
 */
@ExtendWith(NoWorkerLeftBehind.class)
class ProcessPoolLifecycleTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Test
	void stopLetsQueuedTasksFinishThenEndsTheWorkers(@TempDir Path temp) throws InterruptedException {
		Gate gate = Gate.in(temp);
		try (ProcessPoolManager pool = ProcessPoolManager.builder("graceful").maxSize(1).build()) {
			pool.start();
			List<CompletableFuture<Integer>> futures = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				int n = i;
				futures.add(pool.submit(null, () -> {
					gate.pass();
					return n;
				}));
			}
			pool.stop();
			assertThat(pool.stats().queued()).isPositive();
			gate.open();
			assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> pool.submit(null, () -> 5))
				.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(RejectionReason.SHUTDOWN));
			for (int i = 0; i < 5; i++) {
				assertThat(futures.get(i)).succeedsWithin(WAIT).isEqualTo(i);
			}
			assertThat(pool.awaitTermination(WAIT)).isTrue();
			assertThat(pool.state()).isEqualTo(PoolState.TERMINATED);
			assertThat(pool.stats().workers()).isZero();
			assertThat(NoWorkerLeftBehind.workers()).isEmpty();
		}
	}

	@Test
	void stopNowReturnsTasksThatNeverStartedAndKillsRunningOnes() throws InterruptedException {
		try (ProcessPoolManager pool = ProcessPoolManager.builder("abrupt").maxSize(1).build()) {
			pool.start();
			CompletableFuture<Object> running = pool.submit(null, ProcessPoolManagerTests::sleepLong);
			await().atMost(WAIT).until(() -> pool.stats().busyWorkers() == 1);
			List<SerializableCallable<Integer>> waiting = List.of(() -> 1, () -> 2, () -> 3);
			List<CompletableFuture<Integer>> futures = new ArrayList<>();
			waiting.forEach((task) -> futures.add(pool.submit(null, task)));
			List<PendingTask> pending = pool.stopNow();
			assertThat(pending).extracting(PendingTask::task).containsExactlyElementsOf(waiting);
			assertThat(pending).extracting(PendingTask::future).containsExactlyElementsOf(futures);
			assertThat(futures).allSatisfy((future) -> assertThat(future).isCancelled());
			assertThat(running).isCancelled();
			assertThat(pool.awaitTermination(WAIT)).isTrue();
			assertThat(pool.stats().processes().exits()).containsEntry(WorkerExitReason.SHUTDOWN, 1L);
		}
	}

	@Test
	void stopNowOfBrokenPoolKillsTheWorkersStillRunning(@TempDir Path temp) throws Exception {
		String flag = temp.resolve("no-more-workers").toString();
		try (ProcessPoolManager pool = ProcessPoolManager.builder("broken-busy").maxSize(2).initializer(() -> {
			if (Files.exists(Path.of(flag))) {
				throw new IllegalStateException("no more workers");
			}
		}).build()) {
			pool.start();
			CompletableFuture<Object> running = pool.submit(null, ProcessPoolManagerTests::sleepLong);
			await().atMost(WAIT).until(() -> pool.stats().busyWorkers() == 1);
			long pid = pool.stats().processes().pids().get(0);
			Files.createFile(Path.of(flag));
			assertThat(pool.submit(null, () -> 1)).failsWithin(WAIT)
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(BrokenPoolException.class);
			assertThat(pool.state()).isEqualTo(PoolState.BROKEN);
			assertThat(running).isNotDone();
			assertThat(pool.stopNow()).isEmpty();
			assertThat(running).isCancelled();
			assertThat(pool.awaitTermination(WAIT)).isTrue();
			assertThat(pool.state()).isEqualTo(PoolState.TERMINATED);
			await().atMost(WAIT).until(() -> !Processes.isRunning(pid));
			assertThat(pool.stats().processes().exits()).containsEntry(WorkerExitReason.SHUTDOWN, 1L);
			assertThat(pool.stats().workers()).isZero();
		}
	}

	@Test
	void closeOfIdlePoolEndsItsWorkers() {
		ProcessPoolManager pool = ProcessPoolManager.builder("closed").maxSize(2).build();
		pool.start();
		pool.prestart(2);
		await().atMost(WAIT).until(() -> pool.stats().workers() == 2);
		pool.close();
		assertThat(pool.isTerminated()).isTrue();
		assertThat(NoWorkerLeftBehind.workers()).isEmpty();
	}

	@Test
	void workersExitWhenTheApplicationIsKilled() throws Exception {
		Process application = new ProcessBuilder(Processes.javaExecutable(), "-cp",
				System.getProperty("java.class.path"), OrphanCheckMain.class.getName())
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		try {
			long worker = workerPid(application);
			assertThat(Processes.isRunning(worker)).isTrue();
			application.destroyForcibly();
			assertThat(application.waitFor(30, TimeUnit.SECONDS)).isTrue();
			await("worker " + worker + " exits after its application was killed").atMost(Duration.ofSeconds(5))
				.until(() -> !Processes.isRunning(worker));
		}
		finally {
			application.destroyForcibly();
		}
	}

	@Test
	void applicationExitingWithoutCloseClosesNonDaemonPoolGracefully(@TempDir Path temp) throws Exception {
		Path file = temp.resolve("written");
		Process application = unclosedPool(false, file);
		long worker = workerPid(application);
		assertThat(application.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(file).hasContent("written");
		await().atMost(WAIT).until(() -> !Processes.isRunning(worker));
	}

	@Test
	void applicationExitingWithoutCloseEndsDaemonPoolsWorkersAtOnce(@TempDir Path temp) throws Exception {
		Path file = temp.resolve("written");
		Process application = unclosedPool(true, file);
		long worker = workerPid(application);
		assertThat(application.waitFor(30, TimeUnit.SECONDS)).isTrue();
		await().atMost(WAIT).until(() -> !Processes.isRunning(worker));
		assertThat(file).doesNotExist();
	}

	@Test
	void applicationExitingWithoutCloseEndsWorkersOfPoolWithoutShutdownHookAtOnce(@TempDir Path temp)
			throws Exception {
		Path file = temp.resolve("written");
		Process application = unclosedPool(false, file, "false");
		long worker = workerPid(application);
		assertThat(application.waitFor(30, TimeUnit.SECONDS)).isTrue();
		// No hook closed the pool: its worker ended with its standard input, mid-task.
		await().atMost(WAIT).until(() -> !Processes.isRunning(worker));
		assertThat(file).doesNotExist();
	}

	@Test
	void workerExitsWhenItsStandardInputClosesMidTask() throws Exception {
		WorkerCommand command = WorkerCommand.create(Path.of(Processes.javaExecutable()), List.of(), null,
				System.getProperty("java.class.path"));
		Process worker = new ProcessBuilder(command.command("stdin", 1)).start();
		try {
			BufferedReader stderr = new BufferedReader(
					new InputStreamReader(worker.getErrorStream(), StandardCharsets.UTF_8));
			OutputStream stdin = worker.getOutputStream();
			FrameReader stdout = new FrameReader(worker.getInputStream(), 1 << 20, true);
			new WorkerConfig(WorkerConfig.PROTOCOL_VERSION, "stdin", 1, List.of(), 1 << 20, 100, null, null).encode()
				.writeTo(stdin);
			Frame ready = stdout.read();
			assertThat(ready).isNotNull().extracting(Frame::type).isEqualTo(FrameType.READY);
			FrameBuffer task = new FrameBuffer(512);
			ObjectCodec.write(task, (SerializableCallable<Object>) () -> {
				System.err.println("task started");
				return ProcessPoolManagerTests.sleepLong();
			});
			task.finish(FrameType.TASK).writeTo(stdin);
			CompletableFuture<String> started = CompletableFuture.supplyAsync(() -> firstLine(stderr, "task started"));
			assertThat(started).succeedsWithin(WAIT);
			stdin.close();
			assertThat(worker.waitFor(10, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			worker.destroyForcibly();
		}
	}

	@Test
	void stopOfPoolWhoseWorkersAreStartingEndsThemOnceReady() throws InterruptedException {
		try (ProcessPoolManager pool = ProcessPoolManager.builder("stopped-early").maxSize(2).build()) {
			pool.start();
			assertThat(pool.prestart(2)).isEqualTo(2);
			pool.stop();
			assertThat(pool.awaitTermination(WAIT)).isTrue();
			assertThat(pool.stats().workers()).isZero();
			assertThat(pool.stats().processes().exits()).containsEntry(WorkerExitReason.SHUTDOWN, 2L);
		}
	}

	private static Process unclosedPool(boolean daemon, Path file, String... more) throws IOException {
		List<String> command = new ArrayList<>(List.of(Processes.javaExecutable(), "-cp",
				System.getProperty("java.class.path"), UnclosedPoolMain.class.getName(), Boolean.toString(daemon),
				file.toString()));
		command.addAll(List.of(more));
		return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
	}

	private static long workerPid(Process application) {
		BufferedReader out = new BufferedReader(
				new InputStreamReader(application.getInputStream(), StandardCharsets.UTF_8));
		CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> firstLine(out, "worker "));
		String text = assertThat(line).succeedsWithin(WAIT).actual();
		return Long.parseLong(text.substring("worker ".length()).trim());
	}

	private static String firstLine(BufferedReader reader, String prefix) {
		try {
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.startsWith(prefix)) {
					return line;
				}
			}
			throw new IllegalStateException("no line starting with '" + prefix + "'");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
