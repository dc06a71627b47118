package io.github.pools.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;

import io.github.pools.PoolKind;
import io.github.pools.PoolListener;
import io.github.pools.PoolManager;
import io.github.pools.PoolState;
import io.github.pools.PoolStats;
import io.github.pools.RejectionReason;
import io.github.pools.RemoteTaskException;
import io.github.pools.SerializableCallable;
import io.github.pools.TaskRejectedException;
import io.github.pools.TaskSerializationException;
import io.github.pools.UnknownTaskTypeException;
import io.github.pools.WorkerExitReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tasks, results and failures crossing to real worker JVMs and back.
 */
@ExtendWith(NoWorkerLeftBehind.class)
class ProcessPoolManagerTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static ProcessPoolManager.Builder pool(String name) {
		return ProcessPoolManager.builder(name).maxSize(1);
	}

	@Test
	void taskRunsInAnotherProcessThatIsReused() {
		try (ProcessPoolManager pool = pool("round-trip").build()) {
			pool.start();
			long first = result(pool.submit(null, () -> ProcessHandle.current().pid()));
			long second = result(pool.submit(null, () -> ProcessHandle.current().pid()));
			assertThat(first).isNotEqualTo(ProcessHandle.current().pid()).isEqualTo(second);
			PoolStats stats = pool.stats();
			assertThat(stats.kind()).isEqualTo(PoolKind.PROCESS);
			assertThat(stats.completed()).isEqualTo(2);
			assertThat(stats.workers()).isOne();
			assertThat(stats.processes().starts()).isOne();
			assertThat(stats.processes().pids()).containsExactly(first);
		}
	}

	@Test
	void lambdaCarriesItsCapturedValues() {
		try (ProcessPoolManager pool = pool("captures").build()) {
			pool.start();
			String greeting = "hello";
			int times = 3;
			List<String> names = new ArrayList<>(List.of("a", "b"));
			CompletableFuture<String> result = pool.submit(null,
					() -> String.join(",", names) + ":" + greeting.repeat(times));
			names.add("changed after submit");
			assertThat(result).succeedsWithin(WAIT).isEqualTo("a,b:hellohellohello");
		}
	}

	@Test
	void instanceOfSerializableClassRunsAsTask() {
		try (ProcessPoolManager pool = pool("instance").build()) {
			pool.start();
			assertThat(pool.submit(null, new Multiply(6, 7))).succeedsWithin(WAIT).isEqualTo(42);
		}
	}

	@Test
	void taskOfOtherTypeIsRefusedAtSubmitAndCounted() {
		try (ProcessPoolManager pool = pool("typed").taskType("render").build()) {
			pool.start();
			assertThatExceptionOfType(UnknownTaskTypeException.class).isThrownBy(() -> pool.submit("report", () -> 1))
				.withMessageContaining("'typed'")
				.withMessageContaining("'render'")
				.withMessageContaining("'report'");
			assertThatExceptionOfType(UnknownTaskTypeException.class).isThrownBy(() -> pool.submit(null, () -> 1));
			PoolStats stats = pool.stats();
			assertThat(stats.queued()).isZero();
			assertThat(stats.workers()).isZero();
			assertThat(stats.rejected()).containsEntry(RejectionReason.TASK_TYPE, 2L);
			assertThat(pool.submit("render", () -> 1)).succeedsWithin(WAIT).isEqualTo(1);
		}
	}

	@Test
	void fullQueueRefusesTaskAsSaturated(@TempDir Path temp) {
		Gate gate = Gate.in(temp);
		try (ProcessPoolManager pool = pool("saturated").queueCapacity(1).build()) {
			pool.start();
			CompletableFuture<String> running = pool.submit(null, () -> {
				gate.pass();
				return "running";
			});
			await().atMost(WAIT).until(() -> pool.stats().busyWorkers() == 1);
			CompletableFuture<Integer> queued = pool.submit(null, () -> 2);
			assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> pool.submit(null, () -> 3))
				.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(RejectionReason.SATURATED))
				.withMessageContaining("saturated");
			assertThat(pool.stats().rejected()).containsEntry(RejectionReason.SATURATED, 1L);
			gate.open();
			assertThat(running).succeedsWithin(WAIT).isEqualTo("running");
			assertThat(queued).succeedsWithin(WAIT).isEqualTo(2);
		}
	}

	@Test
	void exceptionComesBackAsDataWithStackAndCauses() {
		try (ProcessPoolManager pool = pool("exceptions").build()) {
			pool.start();
			CompletableFuture<Object> result = pool.submit(null, () -> {
				throw new IllegalStateException("outer", new IOException("inner"));
			});
			Throwable failure = assertThat(result).failsWithin(WAIT)
				.withThrowableOfType(ExecutionException.class)
				.actual()
				.getCause();
			assertThat(failure).isInstanceOf(RemoteTaskException.class)
				.hasMessage("java.lang.IllegalStateException: outer");
			RemoteTaskException remote = (RemoteTaskException) failure;
			assertThat(remote.getRemoteClassName()).isEqualTo("java.lang.IllegalStateException");
			assertThat(remote.getRemoteMessage()).isEqualTo("outer");
			assertThat(remote.toString()).contains("in a worker JVM");
			assertThat(remote.getStackTrace())
				.anySatisfy((frame) -> assertThat(frame.getClassName()).isEqualTo(getClass().getName()));
			assertThat(remote.getCause()).isInstanceOf(RemoteTaskException.class);
			RemoteTaskException cause = (RemoteTaskException) remote.getCause();
			assertThat(cause.getRemoteClassName()).isEqualTo("java.io.IOException");
			assertThat(cause.getRemoteMessage()).isEqualTo("inner");
			await().atMost(WAIT).until(() -> pool.stats().failed() == 1); // counted just after the future fails
		}
	}

	@Test
	void taskThatCannotBeSerializedIsRefusedAtSubmit() {
		try (ProcessPoolManager pool = pool("not-serializable").build()) {
			pool.start();
			Object notSerializable = new Object();
			assertThatExceptionOfType(TaskSerializationException.class)
				.isThrownBy(() -> pool.submit(null, () -> notSerializable.hashCode()))
				.withMessageContaining("java.lang.Object")
				.withMessageContaining("Serializable");
			assertThat(pool.stats().queued()).isZero();
			assertThat(pool.stats().workers()).isZero();
		}
	}

	@Test
	void workerRefusesTaskHoldingClassOutsideAllowList() {
		try (ProcessPoolManager pool = pool("refused-in-worker").build()) {
			pool.start();
			URI uri = URI.create("https://example.com/");
			assertThat(pool.submit(null, uri::getHost)).failsWithin(WAIT)
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(TaskSerializationException.class)
				.withMessageContaining("java.net.URI")
				.withMessageContaining("allowed-classes");
			assertThat(pool.submit(null, () -> "still serving")).succeedsWithin(WAIT).isEqualTo("still serving");
			assertThat(pool.stats().processes().starts()).isOne();
		}
	}

	@Test
	void poolRefusesResultHoldingClassOutsideAllowList() {
		try (ProcessPoolManager pool = pool("refused-in-pool").build()) {
			pool.start();
			assertThat(pool.submit(null, () -> URI.create("https://example.com/"))).failsWithin(WAIT)
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(TaskSerializationException.class)
				.withMessageContaining("java.net.URI")
				.withMessageContaining("allowed-classes");
			assertThat(pool.submit(null, () -> new IllegalStateException("as a result"))).failsWithin(WAIT)
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(TaskSerializationException.class)
				.withMessageContaining("Throwable");
			assertThat(pool.submit(null, () -> "still serving")).succeedsWithin(WAIT).isEqualTo("still serving");
		}
	}

	@Test
	void allowedClassesLetMoreTypesCross() {
		try (ProcessPoolManager pool = pool("allowed").allowedClasses(List.of("java.net.URI")).build()) {
			pool.start();
			URI uri = URI.create("https://example.com/");
			assertThat(pool.submit(null, () -> uri.resolve("page"))).succeedsWithin(WAIT)
				.isEqualTo(URI.create("https://example.com/page"));
		}
	}

	@Test
	void resultThatCannotBeSerializedFailsTheTask() {
		try (ProcessPoolManager pool = pool("result-not-serializable").build()) {
			pool.start();
			assertThat(pool.submit(null, Object::new)).failsWithin(WAIT)
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(TaskSerializationException.class)
				.withMessageContaining("java.lang.Object");
			assertThat(pool.submit(null, () -> 1)).succeedsWithin(WAIT).isEqualTo(1);
		}
	}

	@Test
	void initializerAndFinalizerRunInTheWorker(@TempDir Path temp) throws IOException {
		String marker = temp.resolve("finalized").toString();
		long workerPid;
		try (ProcessPoolManager pool = pool("lifecycle")
			.initializer(() -> System.setProperty("pools.test.initialized", "yes"))
			.finalizer(() -> write(marker, Long.toString(ProcessHandle.current().pid())))
			.build()) {
			pool.start();
			assertThat(pool.submit(null, () -> System.getProperty("pools.test.initialized"))).succeedsWithin(WAIT)
				.isEqualTo("yes");
			assertThat(System.getProperty("pools.test.initialized")).isNull();
			workerPid = pool.stats().processes().pids().get(0);
		}
		assertThat(Files.readString(Path.of(marker))).isEqualTo(Long.toString(workerPid));
	}

	@Test
	void listenersHearWorkersStartAndExit() {
		List<String> events = new CopyOnWriteArrayList<>();
		try (ProcessPoolManager pool = pool("listened").build()) {
			pool.addListener(new PoolListener() {
				@Override
				public void workerStarted(PoolManager p, int workerId, long pid) {
					events.add("started " + workerId);
				}

				@Override
				public void workerExited(PoolManager p, int workerId, long pid, WorkerExitReason reason) {
					events.add("exited " + workerId + " " + reason);
				}
			});
			pool.start();
			assertThat(pool.submit(null, () -> 1)).succeedsWithin(WAIT);
		}
		assertThat(events).containsExactly("started 1", "exited 1 SHUTDOWN");
	}

	@Test
	void taskTimerReceivesQueueAndExecutionTime() {
		List<long[]> timings = new CopyOnWriteArrayList<>();
		try (ProcessPoolManager pool = pool("timed").build()) {
			pool.addTaskTimer((queued, execution) -> timings.add(new long[] { queued, execution }));
			pool.start();
			assertThat(pool.submit(null, () -> 1)).succeedsWithin(WAIT);
			assertThat(pool.submit(null, () -> 2)).succeedsWithin(WAIT);
		}
		assertThat(timings).hasSize(2).allSatisfy((timing) -> {
			assertThat(timing[0]).isNotNegative();
			assertThat(timing[1]).isPositive();
		});
	}

	@Test
	void prestartStartsWorkersWithoutTasks() {
		try (ProcessPoolManager pool = ProcessPoolManager.builder("prestarted")
			.coreSize(1)
			.maxSize(2)
			.prestart(true)
			.build()) {
			pool.start();
			await().atMost(WAIT).until(() -> pool.stats().workers() == 1);
			assertThat(pool.prestart(5)).isOne();
			await().atMost(WAIT).until(() -> pool.stats().workers() == 2);
			assertThat(pool.prestart(1)).isZero();
			assertThat(pool.stats().completed()).isZero();
		}
	}

	@Test
	void resizeBelowLiveWorkersRetiresIdleOnes() {
		List<String> resized = new CopyOnWriteArrayList<>();
		try (ProcessPoolManager pool = ProcessPoolManager.builder("resized").maxSize(2).build()) {
			pool.addListener(new PoolListener() {
				@Override
				public void resized(PoolManager p, PoolStats before, PoolStats after) {
					resized.add(before.maxSize() + "->" + after.maxSize());
				}
			});
			pool.start();
			pool.prestart(2);
			await().atMost(WAIT).until(() -> pool.stats().workers() == 2);
			pool.resize(1, 1);
			await().atMost(WAIT).until(() -> pool.stats().processes().exits().get(WorkerExitReason.IDLE) == 1);
			assertThat(pool.stats().workers()).isOne();
			assertThat(resized).containsExactly("2->1");
			assertThat(pool.submit(null, () -> 1)).succeedsWithin(WAIT);
		}
	}

	@Test
	void submitBeforeStartIsRefused() {
		try (ProcessPoolManager pool = pool("not-started").build()) {
			assertThat(pool.state()).isEqualTo(PoolState.NEW);
			assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> pool.submit(null, () -> 1))
				.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(RejectionReason.SHUTDOWN));
		}
	}

	@Test
	void environmentReachesTheWorker() {
		try (ProcessPoolManager pool = pool("environment").environment(Map.of("POOLS_TEST_VARIABLE", "set"))
			.build()) {
			pool.start();
			assertThat(pool.submit(null, () -> System.getenv("POOLS_TEST_VARIABLE"))).succeedsWithin(WAIT)
				.isEqualTo("set");
		}
	}

	static <T> T result(CompletableFuture<T> future) {
		return assertThat(future).succeedsWithin(WAIT).actual();
	}

	static Object sleepLong() throws InterruptedException {
		Thread.sleep(60_000);
		return "slept";
	}

	private static void write(String file, String content) {
		try {
			Files.writeString(Path.of(file), content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static final class Multiply implements SerializableCallable<Integer> {

		private final int a;

		private final int b;

		Multiply(int a, int b) {
			this.a = a;
			this.b = b;
		}

		@Override
		public Integer call() {
			return this.a * this.b;
		}

	}

}
