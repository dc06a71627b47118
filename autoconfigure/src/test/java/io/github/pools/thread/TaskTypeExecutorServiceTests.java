package io.github.pools.thread;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.pools.UnknownTaskTypeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the {@link ExecutorService} view returned by
 * {@link ThreadPoolManager#executor(String)}.
 */
class TaskTypeExecutorServiceTests {

	private final ThreadPoolManager pool = ThreadPoolManager.builder("io").taskType("io").maxSize(2).build();

	private final CountDownLatch release = new CountDownLatch(1);

	TaskTypeExecutorServiceTests() {
		this.pool.start();
	}

	@AfterEach
	void close() {
		this.release.countDown();
		this.pool.close();
	}

	@Test
	void submitInvokeAllAndInvokeAnyRunInThePool() throws Exception {
		ExecutorService executor = this.pool.executor("io");
		assertThat(executor.submit(() -> Thread.currentThread().getName()).get(10, TimeUnit.SECONDS))
			.startsWith("io-");
		List<Callable<Integer>> tasks = List.of(() -> 1, () -> 2, () -> 3);
		List<Integer> results = executor.invokeAll(tasks).stream().map(this::get).toList();
		assertThat(results).containsExactly(1, 2, 3);
		assertThat(executor.invokeAny(tasks, 10, TimeUnit.SECONDS)).isIn(1, 2, 3);
		assertThat(this.pool.stats().completed()).isGreaterThanOrEqualTo(4);
	}

	@Test
	void viewForAWrongTaskTypeFailsWhereItIsMade() {
		assertThatExceptionOfType(UnknownTaskTypeException.class).isThrownBy(() -> this.pool.executor("report"))
			.withMessage("Pool 'io' accepts only tasks of type 'io' and refused a task of type 'report'");
		assertThatExceptionOfType(UnknownTaskTypeException.class).isThrownBy(() -> this.pool.executor(null));
	}

	@Test
	void shutdownOfTheViewDoesNotStopThePool() throws Exception {
		ExecutorService executor = this.pool.executor("io");
		Future<?> running = executor.submit(this::block);
		executor.shutdown();
		assertThat(executor.isShutdown()).isTrue();
		assertThat(executor.isTerminated()).isFalse();
		assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> executor.submit(() -> 1))
			.withMessageContaining("has been shut down (the pool itself keeps running)");
		assertThat(this.pool.isRunning()).isTrue();
		assertThat(this.pool.submit("io", () -> "still serving").get(10, TimeUnit.SECONDS)).isEqualTo("still serving");
		this.release.countDown();
		assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		assertThat(running).isDone();
	}

	@Test
	void shutdownNowCancelsOnlyTheViewsOwnTasks() throws Exception {
		ExecutorService executor = this.pool.executor("io");
		Future<?> othersRunning = this.pool.submit("io", this::block);
		Future<?> ownRunning = executor.submit(() -> {
			try {
				Thread.sleep(10_000);
			}
			catch (InterruptedException ex) {
				// cancelled by shutdownNow
			}
		});
		await().atMost(Duration.ofSeconds(10)).until(() -> this.pool.stats().busyWorkers() == 2);
		Future<Integer> ownQueued = executor.submit(() -> 1);
		List<Runnable> neverStarted = executor.shutdownNow();
		assertThat(neverStarted).containsExactly((Runnable) ownQueued);
		assertThat(ownQueued).isCancelled();
		assertThat(ownRunning).isCancelled();
		assertThat(othersRunning).isNotDone();
		assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		assertThat(this.pool.isRunning()).isTrue();
	}

	@Test
	void executeReportsATaskFailureToTheUncaughtExceptionHandler() {
		AtomicReference<Throwable> reported = new AtomicReference<>();
		ThreadPoolManager handled = ThreadPoolManager.builder("handled").build();
		handled.start();
		try {
			ExecutorService executor = handled.executor(null);
			executor.execute(() -> {
				Thread.currentThread().setUncaughtExceptionHandler((thread, ex) -> reported.set(ex));
				throw new IllegalStateException("lost without a handler");
			});
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(reported.get())
				.isInstanceOf(IllegalStateException.class)
				.hasMessage("lost without a handler"));
		}
		finally {
			handled.close();
		}
	}

	@Test
	void viewOfAStoppedPoolIsShutDownAndTerminated() {
		ExecutorService executor = this.pool.executor("io");
		this.pool.close();
		assertThat(executor.isShutdown()).isTrue();
		assertThat(executor.isTerminated()).isTrue();
	}

	@Test
	void supplyAsyncOnASaturatedDiscardingPoolIsRefusedInsteadOfHangingForever() {
		ThreadPoolManager discarding = ThreadPoolManager.builder("discarding")
			.maxSize(1)
			.queueCapacity(0)
			.rejectionPolicy(RejectionPolicy.DISCARD)
			.build();
		discarding.start();
		try {
			ExecutorService executor = discarding.executor(null);
			executor.execute(this::block);
			await().atMost(Duration.ofSeconds(10)).until(() -> discarding.stats().busyWorkers() == 1);
			assertThatExceptionOfType(RejectedExecutionException.class)
				.isThrownBy(() -> java.util.concurrent.CompletableFuture.supplyAsync(() -> 1, executor));
		}
		finally {
			this.release.countDown();
			discarding.close();
		}
	}

	@Test
	void invokeAllOnADiscardOldestPoolCompletesWithTheVictimCancelled() throws Exception {
		ThreadPoolManager pool = ThreadPoolManager.builder("oldest")
			.maxSize(1)
			.queueCapacity(1)
			.rejectionPolicy(RejectionPolicy.DISCARD_OLDEST)
			.build();
		pool.start();
		try {
			ExecutorService executor = pool.executor(null);
			executor.execute(this::block);
			await().atMost(Duration.ofSeconds(10)).until(() -> pool.stats().busyWorkers() == 1);
			CompletableFutureHolder result = new CompletableFutureHolder();
			Thread caller = new Thread(() -> {
				try {
					result.futures = executor.invokeAll(List.of(() -> "first", () -> "second"));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
			caller.start();
			await().atMost(Duration.ofSeconds(10)).until(() -> pool.stats().rejected().get(
					io.github.pools.RejectionReason.SATURATED) == 1);
			this.release.countDown();
			caller.join(10_000);
			assertThat(caller.isAlive()).as("invokeAll returned").isFalse();
			assertThat(result.futures).hasSize(2);
			assertThat(result.futures.get(0)).isCancelled();
			assertThat(result.futures.get(1).get(10, TimeUnit.SECONDS)).isEqualTo("second");
		}
		finally {
			this.release.countDown();
			pool.close();
		}
	}

	@Test
	void shutdownNowReturnsTheRunnablesAsSubmitted() throws Exception {
		ExecutorService executor = this.pool.executor("io");
		executor.execute(this::block);
		executor.execute(this::block);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.pool.stats().busyWorkers() == 2);
		Runnable queued = () -> {
		};
		executor.execute(queued);
		assertThat(executor.shutdownNow()).containsExactly(queued);
	}

	@Test
	void shutdownNowReturnsEveryQueuedTaskEvenThoughItInterruptsTheRunningOnes() {
		ExecutorService executor = this.pool.executor("io");
		executor.execute(this::block);
		executor.execute(this::block);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.pool.stats().busyWorkers() == 2);
		List<Runnable> queued = new java.util.ArrayList<>();
		for (int i = 0; i < 500; i++) {
			Runnable task = () -> {
			};
			queued.add(task);
			executor.execute(task);
		}
		// The interrupted threads are free at once: none may take a task from the queue.
		assertThat(executor.shutdownNow()).containsExactlyInAnyOrderElementsOf(queued);
	}

	@Test
	void awaitTerminationWithANonPositiveOrHugeTimeoutDoesNotOverflow() throws Exception {
		ExecutorService executor = this.pool.executor("io");
		assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
			assertThat(executor.awaitTermination(Long.MIN_VALUE, TimeUnit.NANOSECONDS)).isFalse();
			assertThat(executor.awaitTermination(Long.MIN_VALUE, TimeUnit.DAYS)).isFalse();
			assertThat(executor.awaitTermination(-1, TimeUnit.MILLISECONDS)).isFalse();
			assertThat(executor.awaitTermination(0, TimeUnit.NANOSECONDS)).isFalse();
		});
		Future<?> running = executor.submit(this::block);
		executor.shutdown();
		assertThat(executor.awaitTermination(Long.MIN_VALUE, TimeUnit.NANOSECONDS)).isFalse();
		Thread releaser = new Thread(() -> {
			sleep(100);
			this.release.countDown();
		});
		releaser.start();
		assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
			assertThat(executor.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS)).isTrue();
			assertThat(executor.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS)).isTrue();
		});
		assertThat(running).isDone();
		releaser.join();
	}

	@Test
	void aCancelledTaskThatIgnoresTheInterruptKeepsTheViewFromTerminatingUntilItReturns() throws Exception {
		ExecutorService executor = this.pool.executor("io");
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);
		Future<?> stubborn = executor.submit(() -> {
			started.countDown();
			while (true) {
				try {
					finish.await();
					return;
				}
				catch (InterruptedException ex) {
					// ignored on purpose
				}
			}
		});
		try {
			started.await(10, TimeUnit.SECONDS);
			assertThat(stubborn.cancel(true)).isTrue();
			executor.shutdown();
			assertThat(executor.isTerminated()).isFalse();
			assertThat(executor.awaitTermination(100, TimeUnit.MILLISECONDS)).isFalse();
			assertThat(executor.isTerminated()).isFalse();
			finish.countDown();
			assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
			assertThat(executor.isTerminated()).isTrue();
		}
		finally {
			finish.countDown(); // the task ignores interrupts: nothing else ends it
		}
	}

	@Test
	void shutdownNowOfATaskThatIgnoresTheInterruptTerminatesTheViewOnlyWhenItReturns() throws Exception {
		ExecutorService executor = this.pool.executor("io");
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);
		executor.execute(() -> {
			started.countDown();
			while (finish.getCount() > 0) {
				try {
					finish.await();
				}
				catch (InterruptedException ex) {
					// ignored on purpose
				}
			}
		});
		try {
			started.await(10, TimeUnit.SECONDS);
			assertThat(executor.shutdownNow()).isEmpty();
			assertThat(executor.awaitTermination(100, TimeUnit.MILLISECONDS)).isFalse();
			finish.countDown();
			assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			finish.countDown(); // the task ignores interrupts: nothing else ends it
		}
	}

	@Test
	void viewTerminatesWhenItsTasksAreDiscardedByThePolicyOrDrainedByThePoolsStopNow() throws Exception {
		ThreadPoolManager discarding = ThreadPoolManager.builder("discarding-view")
			.maxSize(1)
			.queueCapacity(1)
			.rejectionPolicy(RejectionPolicy.DISCARD)
			.build();
		discarding.start();
		try {
			ExecutorService executor = discarding.executor(null);
			Future<?> running = executor.submit(this::block);
			await().atMost(Duration.ofSeconds(10)).until(() -> discarding.stats().busyWorkers() == 1);
			Future<Integer> queued = executor.submit(() -> 1);
			Future<Integer> discarded = executor.submit(() -> 2);
			assertThat(discarded).isCancelled();
			executor.shutdown();
			assertThat(executor.isTerminated()).isFalse();
			this.release.countDown();
			assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
			assertThat(queued.get()).isEqualTo(1);
			assertThat(running).isDone();
			assertThat(discarding.isRunning()).as("terminated by its own tasks, not by the pool's end").isTrue();
			// A second view whose queued task the pool's stopNow drains.
			CountDownLatch hold = new CountDownLatch(1);
			ExecutorService second = discarding.executor(null);
			second.submit(() -> {
				hold.await();
				return null;
			});
			await().atMost(Duration.ofSeconds(10)).until(() -> discarding.stats().busyWorkers() == 1);
			Future<Integer> drained = second.submit(() -> 3);
			second.shutdown();
			assertThat(discarding.stopNow()).hasSize(1);
			assertThat(drained).isCancelled();
			assertThat(second.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			discarding.close();
		}
	}

	@Test
	void aTaskCancelledWhileQueuedNoLongerKeepsTheViewFromTerminating() throws Exception {
		ThreadPoolManager small = ThreadPoolManager.builder("small").maxSize(1).queueCapacity(1).build();
		small.start();
		try {
			ExecutorService executor = small.executor(null);
			executor.execute(this::block);
			await().atMost(Duration.ofSeconds(10)).until(() -> small.stats().busyWorkers() == 1);
			Future<?> queued = executor.submit(() -> 1);
			executor.shutdown();
			assertThat(executor.isTerminated()).isFalse();
			assertThat(queued.cancel(false)).isTrue();
			assertThat(executor.isTerminated()).isFalse();
			this.release.countDown();
			assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			small.close();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static final class CompletableFutureHolder {

		volatile List<Future<String>> futures;

	}

	private void block() {
		try {
			this.release.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private <T> T get(Future<T> future) {
		try {
			return future.get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
