package io.github.pools.thread;

import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.github.pools.BatchOptions;
import io.github.pools.BatchTimeoutException;
import io.github.pools.UnknownTaskTypeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the batch calls of {@link ThreadPoolManager}: the seeds' apply, apply_async,
 * map, imap, imap_unordered and starmap.
 */
class ThreadPoolBatchTests {

	private final ThreadPoolManager pool = ThreadPoolManager.builder("cpu").taskType("cpu").maxSize(2).build();

	ThreadPoolBatchTests() {
		this.pool.start();
	}

	@AfterEach
	void close() {
		this.pool.close();
	}

	@Test
	void runReturnsTheResult() throws Exception {
		assertThat(this.pool.run("cpu", () -> 6 * 7)).isEqualTo(42);
	}

	@Test
	void runRethrowsTheTasksOwnCheckedException() {
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> this.pool.run("cpu", () -> {
			throw new IOException("disk gone");
		})).withMessage("disk gone");
	}

	@Test
	void runWithWrongTaskTypeIsRefused() {
		assertThatExceptionOfType(UnknownTaskTypeException.class).isThrownBy(() -> this.pool.run("io", () -> 1));
	}

	@Test
	void runInterruptedWhileWaitingCancelsAndInterruptsTheTask() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch taskInterrupted = new CountDownLatch(1);
		AtomicReference<Throwable> waiterFailure = new AtomicReference<>();
		Thread waiter = new Thread(() -> {
			try {
				this.pool.run("cpu", () -> {
					started.countDown();
					try {
						Thread.sleep(10_000);
					}
					catch (InterruptedException ex) {
						taskInterrupted.countDown();
					}
					return null;
				});
			}
			catch (Exception ex) {
				waiterFailure.set(ex);
			}
		});
		waiter.start();
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		waiter.interrupt();
		waiter.join(10_000);
		assertThat(waiterFailure.get()).isInstanceOf(InterruptedException.class);
		assertThat(taskInterrupted.await(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void applyAsyncCallbacksAndAsyncResultQueriesAreTheFuturesOwn() throws Exception {
		AtomicReference<Object> callback = new AtomicReference<>();
		AtomicReference<Throwable> errorCallback = new AtomicReference<>();
		CompletableFuture<Integer> ok = this.pool.submit("cpu", () -> 1);
		ok.thenAccept(callback::set);
		CompletableFuture<Integer> failing = this.pool.submit("cpu", () -> {
			throw new IllegalStateException("bad");
		});
		failing.exceptionally((ex) -> {
			errorCallback.set(ex);
			return null;
		});
		assertThat(ok.get(10, TimeUnit.SECONDS)).isEqualTo(1);
		await().untilAsserted(() -> assertThat(callback.get()).isEqualTo(1));
		await().untilAsserted(() -> assertThat(errorCallback.get()).isInstanceOf(IllegalStateException.class));
		assertThat(ok.isDone() && !ok.isCompletedExceptionally()).as("ready and successful").isTrue();
		assertThat(failing.isDone() && failing.isCompletedExceptionally()).as("ready and not successful").isTrue();
	}

	@Test
	void mapReturnsResultsInInputOrder() {
		List<Integer> items = IntStream.range(0, 100).boxed().toList();
		List<Integer> squares = this.pool.map("cpu", (Integer i) -> i * i, items);
		assertThat(squares).isEqualTo(items.stream().map((i) -> i * i).toList());
	}

	@Test
	void mapWithChunksSendsSeveralItemsPerTask() {
		List<Integer> items = IntStream.range(0, 1000).boxed().toList();
		long before = this.pool.stats().completed();
		List<Integer> doubled = this.pool.map("cpu", (Integer i) -> 2 * i, items, BatchOptions.chunkSize(100));
		assertThat(doubled).hasSize(1000).startsWith(0, 2, 4).endsWith(1998);
		await().untilAsserted(() -> assertThat(this.pool.stats().completed() - before).isEqualTo(10));
	}

	@Test
	void mapOfAnEmptyInputStillChecksTheTaskType() {
		assertThat(this.pool.map("cpu", (Integer i) -> i, List.of())).isEmpty();
		assertThatExceptionOfType(UnknownTaskTypeException.class)
			.isThrownBy(() -> this.pool.map("io", (Integer i) -> i, List.<Integer>of()));
	}

	@Test
	void mapThrowsTheExceptionOfTheFirstFailedItem() {
		List<Integer> items = IntStream.range(0, 50).boxed().toList();
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> this.pool.map("cpu", (Integer i) -> {
			if (i % 10 == 7) {
				throw new IllegalArgumentException("bad item " + i);
			}
			return i;
		}, items, BatchOptions.chunkSize(5))).withMessage("bad item 7");
	}

	@Test
	void mapLargerThanTheQueueWaitsForItsOwnChunksInsteadOfFailing() {
		ThreadPoolManager small = ThreadPoolManager.builder("small").maxSize(1).queueCapacity(1).build();
		small.start();
		try {
			List<Integer> items = IntStream.range(0, 200).boxed().toList();
			assertThat(small.map(null, (Integer i) -> i + 1, items, BatchOptions.defaults().withBufferSize(10)))
				.hasSize(200)
				.endsWith(200);
		}
		finally {
			small.close();
		}
	}

	@Test
	void mapTimeoutCancelsUnfinishedChunksAndInterruptsRunningOnes() {
		List<Integer> items = IntStream.range(0, 20).boxed().toList();
		assertThatExceptionOfType(BatchTimeoutException.class).isThrownBy(() -> this.pool.map("cpu", (Integer i) -> {
			sleep(60_000);
			return i;
		}, items, BatchOptions.defaults().withTimeout(Duration.ofMillis(300))))
			.withMessageContaining("Batch on pool 'cpu' did not finish within PT0.3S");
		// Running chunks are interrupted, not left to sleep their minute.
		await().atMost(Duration.ofSeconds(10)).until(() -> this.pool.stats().busyWorkers() == 0);
		assertThat(this.pool.stats().queued()).isZero();
	}

	@Test
	void mapLazilyPullsItemsOnlyABufferAhead() {
		CountingIterable input = new CountingIterable(1_000_000);
		try (Stream<Integer> results = this.pool.mapLazily("cpu", (Integer i) -> i, input,
				BatchOptions.chunkSize(10).withBufferSize(3))) {
			Iterator<Integer> iterator = results.iterator();
			assertThat(iterator.next()).isZero();
			assertThat(input.pulled.get()).isLessThanOrEqualTo(50);
			assertThat(iterator.next()).isOne();
		}
		assertThat(input.pulled.get()).isLessThanOrEqualTo(60);
	}

	@Test
	void mapLazilyOverAnEndlessInputStopsWhenTheConsumerDoes() {
		try (Stream<Integer> results = this.pool.mapLazily("cpu", (Integer i) -> i * 2,
				Stream.iterate(0, (i) -> i + 1)::iterator, BatchOptions.chunkSize(4))) {
			assertThat(results.limit(10).toList()).containsExactly(0, 2, 4, 6, 8, 10, 12, 14, 16, 18);
		}
	}

	@Test
	void mapLazilySurfacesAFailedItemWhenItIsConsumedAndGoesOn() {
		try (Stream<Integer> results = this.pool.mapLazily("cpu", (Integer i) -> {
			if (i == 2) {
				throw new IllegalStateException("item 2");
			}
			return i;
		}, List.of(0, 1, 2, 3, 4), BatchOptions.chunkSize(2))) {
			Iterator<Integer> iterator = results.iterator();
			assertThat(iterator.next()).isEqualTo(0);
			assertThat(iterator.next()).isEqualTo(1);
			assertThatExceptionOfType(IllegalStateException.class).isThrownBy(iterator::next).withMessage("item 2");
			assertThat(iterator.next()).isEqualTo(3);
			assertThat(iterator.next()).isEqualTo(4);
			assertThat(iterator.hasNext()).isFalse();
		}
	}

	@Test
	void closingALazyStreamEarlyCancelsWhatHasNotStarted() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger ran = new AtomicInteger();
		Stream<Integer> results = this.pool.mapLazily("cpu", (Integer i) -> {
			ran.incrementAndGet();
			awaitLatch(release);
			return i;
		}, IntStream.range(0, 100).boxed().toList(), BatchOptions.defaults().withBufferSize(6));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.pool.stats().busyWorkers() == 2);
		assertThat(this.pool.stats().queued()).isEqualTo(4);
		results.close();
		assertThat(this.pool.stats().queued()).isZero();
		release.countDown();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.pool.stats().busyWorkers() == 0);
		assertThat(ran.get()).isEqualTo(2);
	}

	@Test
	void mapAsCompletedYieldsResultsInCompletionOrder() {
		try (Stream<String> results = this.pool.mapAsCompleted("cpu", (Integer millis) -> {
			sleep(millis);
			return "slept " + millis;
		}, List.of(600, 10), BatchOptions.defaults())) {
			assertThat(results.toList()).containsExactly("slept 10", "slept 600");
		}
	}

	@Test
	void mapAsCompletedDeliversEveryResultOnce() {
		List<Integer> items = IntStream.range(0, 500).boxed().toList();
		try (Stream<Integer> results = this.pool.mapAsCompleted("cpu", (Integer i) -> i, items,
				BatchOptions.chunkSize(7))) {
			assertThat(results.collect(Collectors.toSet())).hasSize(500).containsAll(items);
		}
	}

	@Test
	void starmapAppliesTwoArgumentsPerItem() {
		List<Map.Entry<Integer, Integer>> pairs = List.of(Map.entry(1, 2), Map.entry(3, 4), Map.entry(5, 6));
		assertThat(this.pool.starmap("cpu", Math::multiplyExact, pairs, BatchOptions.defaults())).containsExactly(2,
				12, 30);
	}

	@Test
	void stoppingThePoolMidBatchFailsTheRemainingItemsInsteadOfHanging() {
		CountDownLatch release = new CountDownLatch(1);
		Stream<Integer> results = this.pool.mapLazily("cpu", (Integer i) -> {
			awaitLatch(release);
			return i;
		}, IntStream.range(0, 10).boxed().toList(), BatchOptions.defaults().withBufferSize(6));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.pool.stats().busyWorkers() == 2);
		this.pool.stopNow();
		release.countDown();
		Iterator<Integer> iterator = results.iterator();
		assertThat(iterator.next()).isZero();
		assertThat(iterator.next()).isOne();
		// The queued chunks were cancelled by the stop, then the pool refuses more.
		for (int i = 2; i < 6; i++) {
			assertThatExceptionOfType(java.util.concurrent.CancellationException.class).isThrownBy(iterator::next);
		}
		assertThatExceptionOfType(io.github.pools.TaskRejectedException.class).isThrownBy(iterator::next)
			.withMessageContaining("accepts no tasks");
		assertThat(iterator.hasNext()).isFalse();
		results.close();
	}

	@Test
	void poolStoppingAfterTheLastChunkInFlightStillDeliversThatChunk() {
		CountDownLatch release = new CountDownLatch(1);
		Stream<Integer> results = this.pool.mapLazily("cpu", (Integer i) -> {
			awaitLatch(release);
			return i;
		}, IntStream.range(0, 30).boxed().toList(), BatchOptions.chunkSize(10).withBufferSize(1));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.pool.stats().busyWorkers() == 1);
		this.pool.stop(); // the running chunk may finish; nothing new is accepted
		release.countDown();
		Iterator<Integer> iterator = results.iterator();
		for (int i = 0; i < 10; i++) {
			assertThat(iterator.next()).isEqualTo(i);
		}
		assertThatExceptionOfType(io.github.pools.TaskRejectedException.class).isThrownBy(iterator::next)
			.withMessageContaining("accepts no tasks");
		results.close();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void awaitLatch(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static final class CountingIterable implements Iterable<Integer> {

		final AtomicInteger pulled = new AtomicInteger();

		private final int size;

		CountingIterable(int size) {
			this.size = size;
		}

		@Override
		public Iterator<Integer> iterator() {
			return new Iterator<>() {

				@Override
				public boolean hasNext() {
					return CountingIterable.this.pulled.get() < CountingIterable.this.size;
				}

				@Override
				public Integer next() {
					return CountingIterable.this.pulled.getAndIncrement();
				}

			};
		}

	}

}
