package io.github.pools.process;

import java.io.Serializable;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.github.pools.BatchOptions;
import io.github.pools.BatchTimeoutException;
import io.github.pools.RemoteTaskException;
import io.github.pools.UnknownTaskTypeException;
import io.github.pools.WorkerCrashedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The batch calls of {@link ProcessPoolManager} (the seeds' apply, map, imap,
 * imap_unordered and starmap) against two real worker JVMs, shared by the tests of
 * this class.
 */
@TestInstance(Lifecycle.PER_CLASS)
class ProcessPoolBatchTests {

	private ProcessPoolManager pool;

	@BeforeAll
	void startPool() {
		this.pool = ProcessPoolManager.builder("batch").taskType("cpu").maxSize(2).build();
		this.pool.start();
	}

	@AfterAll
	void closePool() {
		this.pool.close();
		await().atMost(Duration.ofSeconds(10)).until(() -> NoWorkerLeftBehind.workers().isEmpty());
	}

	@Test
	void mapTimeoutKillsTheWorkersOfRunningChunks() throws Exception {
		this.pool.prestart(2);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.pool.stats().workers() == 2);
		List<Integer> items = List.of(1, 2);
		assertThatExceptionOfType(BatchTimeoutException.class)
			.isThrownBy(() -> this.pool.map("cpu", ProcessPoolBatchTests::sleepAMinute, items,
					BatchOptions.chunkSize(1).withTimeout(Duration.ofSeconds(2))))
			.withMessageContaining("did not finish within PT2S");
		// Both workers were busy for a minute: only killing them frees the pool this soon.
		assertThat(this.pool.submit("cpu", () -> "served")).succeedsWithin(Duration.ofSeconds(20))
			.isEqualTo("served");
	}

	private static Integer sleepAMinute(Integer item) {
		try {
			Thread.sleep(60_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return item;
	}

	@Test
	void runReturnsTheResultFromAWorker() throws Exception {
		long pid = this.pool.run("cpu", () -> ProcessHandle.current().pid());
		assertThat(pid).isNotEqualTo(ProcessHandle.current().pid());
	}

	@Test
	void runRethrowsTheTasksFailureAsRemoteData() {
		assertThatExceptionOfType(RemoteTaskException.class).isThrownBy(() -> this.pool.run("cpu", () -> {
			throw new IllegalStateException("bad input");
		})).satisfies((ex) -> {
			assertThat(ex.getRemoteClassName()).isEqualTo("java.lang.IllegalStateException");
			assertThat(ex.getRemoteMessage()).isEqualTo("bad input");
		});
	}

	@Test
	void mapWithChunksReturnsResultsInInputOrderFromBothWorkers() {
		List<Integer> items = IntStream.range(0, 10_000).boxed().toList();
		List<Long> pids = this.pool.map("cpu", (Integer i) -> ProcessHandle.current().pid(), items,
				BatchOptions.chunkSize(500));
		assertThat(pids).hasSize(10_000).doesNotContain(ProcessHandle.current().pid());
		List<Integer> squares = this.pool.map("cpu", (Integer i) -> i * i, items, BatchOptions.chunkSize(500));
		assertThat(squares).isEqualTo(items.stream().map((i) -> i * i).toList());
	}

	@Test
	void mapSurfacesTheFirstFailedItemAsRemoteTaskException() {
		List<Integer> items = IntStream.range(0, 100).boxed().toList();
		assertThatExceptionOfType(RemoteTaskException.class).isThrownBy(() -> this.pool.map("cpu", (Integer i) -> {
			if (i == 42) {
				throw new IllegalArgumentException("item " + i);
			}
			return i;
		}, items, BatchOptions.chunkSize(10)))
			.satisfies((ex) -> assertThat(ex.getRemoteMessage()).isEqualTo("item 42"));
		assertThat(this.pool.map("cpu", (Integer i) -> i + 1, List.of(1, 2))).containsExactly(2, 3);
	}

	@Test
	void mapLazilySurfacesAFailedItemWhenConsumedAndGoesOn() {
		try (Stream<String> results = this.pool.mapLazily("cpu", (String s) -> {
			if (s.isEmpty()) {
				throw new IllegalArgumentException("empty");
			}
			return s.toUpperCase();
		}, List.of("a", "", "c"), BatchOptions.chunkSize(3))) {
			Iterator<String> iterator = results.iterator();
			assertThat(iterator.next()).isEqualTo("A");
			assertThatExceptionOfType(RemoteTaskException.class).isThrownBy(iterator::next)
				.withMessage("java.lang.IllegalArgumentException: empty");
			assertThat(iterator.next()).isEqualTo("C");
			assertThat(iterator.hasNext()).isFalse();
		}
	}

	@Test
	void mapLazilyOverAnEndlessInputStopsWhenTheConsumerDoes() {
		try (Stream<Integer> results = this.pool.mapLazily("cpu", (Integer i) -> i * 3,
				Stream.iterate(0, (i) -> i + 1)::iterator, BatchOptions.chunkSize(100))) {
			assertThat(results.skip(1000).limit(3).toList()).containsExactly(3000, 3003, 3006);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.pool.stats().queued() == 0);
	}

	@Test
	void mapAsCompletedDeliversEveryResultOnce() {
		List<Integer> items = IntStream.range(0, 2000).boxed().toList();
		try (Stream<Integer> results = this.pool.mapAsCompleted("cpu", (Integer i) -> -i, items,
				BatchOptions.chunkSize(64))) {
			Set<Integer> all = results.collect(Collectors.toSet());
			assertThat(all).hasSize(2000).contains(0, -1999);
		}
	}

	@Test
	void starmapTakesPairsThatNeedNotBeSerializable() {
		List<Map.Entry<String, Integer>> pairs = List.of(Map.entry("ab", 2), Map.entry("c", 3));
		assertThat(this.pool.starmap("cpu", String::repeat, pairs, BatchOptions.defaults())).containsExactly("abab",
				"ccc");
	}

	@Test
	void batchOfAWrongTaskTypeIsRefusedBeforeAnythingIsSent() {
		// Tasks of earlier tests may still be counted as they end: start from a quiet pool.
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.pool.stats().busyWorkers() == 0 && this.pool.stats().queued() == 0);
		long completed = this.pool.stats().completed();
		assertThatExceptionOfType(UnknownTaskTypeException.class)
			.isThrownBy(() -> this.pool.map("io", (Integer i) -> i, List.of(1, 2, 3)));
		assertThat(this.pool.stats().completed()).isEqualTo(completed);
	}

	@Test
	void aChunkWhoseWorkerDiesFailsItsItemsOnlyAndTheBatchGoesOn() {
		try (Stream<Integer> results = this.pool.mapLazily("cpu", new HaltOn(3), List.of(1, 2, 3, 4),
				BatchOptions.chunkSize(2).withBufferSize(1))) {
			Iterator<Integer> iterator = results.iterator();
			assertThat(iterator.next()).isEqualTo(1);
			assertThat(iterator.next()).isEqualTo(2);
			assertThatExceptionOfType(WorkerCrashedException.class).isThrownBy(iterator::next);
			assertThatExceptionOfType(WorkerCrashedException.class).isThrownBy(iterator::next);
			assertThat(iterator.hasNext()).isFalse();
		}
		assertThat(this.pool.map("cpu", (Integer i) -> i, List.of(7))).containsExactly(7);
	}

	/**
	 * Halts its worker JVM on one item: a crash in the middle of a chunk.
	 */
	record HaltOn(int item) implements io.github.pools.SerializableFunction<Integer, Integer>, Serializable {

		@Override
		public Integer apply(Integer value) {
			if (value == this.item) {
				Runtime.getRuntime().halt(7);
			}
			return value;
		}

	}

}
