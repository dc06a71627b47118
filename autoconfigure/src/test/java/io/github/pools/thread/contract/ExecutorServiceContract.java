package io.github.pools.thread.contract;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

/**
 * The {@link ExecutorService} contract, as the javadoc of {@link ExecutorService},
 * {@link java.util.concurrent.AbstractExecutorService},
 * {@link java.util.concurrent.Executor}, {@link Future} and
 * {@link ExecutorCompletionService} states it, checked against an executor with two
 * threads. Each subclass supplies one executor, so that the view of a pool and a plain
 * {@link java.util.concurrent.ThreadPoolExecutor} are seen to agree; where the view
 * documents a different contract, a hook of the subclass says what to expect.
 */
abstract class ExecutorServiceContract {

	/** Longest wait for something that must happen. */
	static final Duration LONG = Duration.ofSeconds(10);

	/** Wait for something that must not happen. */
	static final long SHORT_MILLIS = 100;

	/** Released after each test, so that no task stays blocked. */
	private final CountDownLatch release = new CountDownLatch(1);

	ExecutorService executor;

	/**
	 * Create the executor under test, with two threads and room in its queue for at
	 * least a hundred tasks.
	 * @return a new executor
	 */
	abstract ExecutorService newExecutor();

	/**
	 * Release whatever the executor runs on, after the executor has terminated.
	 */
	abstract void closeExecutor();

	/**
	 * What {@code shutdownNow()} returns for a {@code Runnable} given to
	 * {@code submit(Runnable)} that never started.
	 * @param submitted the runnable as submitted
	 * @param future the future {@code submit} returned
	 * @return the expected element of the list
	 */
	abstract Object neverStartedEntryOfSubmittedRunnable(Runnable submitted, Future<?> future);

	/**
	 * Whether {@code shutdownNow()} cancels the futures of the never-started tasks it
	 * returns.
	 * @return whether they are cancelled
	 */
	abstract boolean shutdownNowCancelsNeverStartedFutures();

	@BeforeEach
	void createExecutor() {
		this.executor = newExecutor();
	}

	@AfterEach
	void cleanUp() throws InterruptedException {
		this.release.countDown();
		Thread.interrupted();
		try {
			this.executor.shutdownNow();
			assertThat(this.executor.awaitTermination(LONG.toMillis(), TimeUnit.MILLISECONDS))
				.as("executor terminated after the test")
				.isTrue();
		}
		finally {
			closeExecutor();
		}
	}

	// ---- helpers

	/** Wait for the release of the test; an interrupt ends the wait. */
	void block() throws InterruptedException {
		if (!this.release.await(LONG.toMillis() * 3, TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException("never released");
		}
	}

	/** Wait for the release of the test, ignoring interrupts. */
	void blockIgnoringInterrupts() {
		long deadline = System.nanoTime() + LONG.toNanos() * 3;
		boolean interrupted = false;
		while (this.release.getCount() > 0 && System.nanoTime() < deadline) {
			try {
				this.release.await(10, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Submit a task that waits for the release, recording whether it saw an interrupt
	 * (thrown or as its thread's status) before it finishes.
	 */
	Future<?> submitWaitingForRelease(CountDownLatch started, CountDownLatch finished, AtomicBoolean sawInterrupt) {
		return this.executor.submit(() -> {
			started.countDown();
			try {
				block();
			}
			catch (InterruptedException ex) {
				sawInterrupt.set(true);
			}
			sawInterrupt.compareAndSet(false, Thread.currentThread().isInterrupted());
			finished.countDown();
		});
	}

	void release() {
		this.release.countDown();
	}

	/** Occupy both threads with tasks that wait for the release; return once both run. */
	List<Future<?>> occupyBothThreads() throws InterruptedException {
		CountDownLatch started = new CountDownLatch(2);
		List<Future<?>> futures = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			futures.add(this.executor.submit(() -> {
				started.countDown();
				block();
				return null;
			}));
		}
		assertThat(started.await(LONG.toMillis(), TimeUnit.MILLISECONDS)).as("both threads busy").isTrue();
		return futures;
	}

	static <T> T get(Future<T> future) {
		try {
			return future.get(LONG.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			throw new AssertionError("no result from " + future, ex);
		}
	}

	static void awaitLatch(CountDownLatch latch, String what) throws InterruptedException {
		assertThat(latch.await(LONG.toMillis(), TimeUnit.MILLISECONDS)).as(what).isTrue();
	}

	static long millisSince(long startNanos) {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
	}

	// ---- execute and submit

	@Test
	void executeRunsTheCommandOnAnotherThread() throws InterruptedException {
		AtomicReference<Thread> ranOn = new AtomicReference<>();
		CountDownLatch done = new CountDownLatch(1);
		this.executor.execute(() -> {
			ranOn.set(Thread.currentThread());
			done.countDown();
		});
		awaitLatch(done, "command ran");
		assertThat(ranOn.get()).isNotNull().isNotSameAs(Thread.currentThread());
	}

	@Test
	void executeOfAFailingCommandReportsItToTheUncaughtExceptionHandlerAndTheExecutorGoesOn() throws Exception {
		AtomicReference<Throwable> reported = new AtomicReference<>();
		IllegalStateException failure = new IllegalStateException("boom");
		this.executor.execute(() -> {
			Thread.currentThread().setUncaughtExceptionHandler((thread, ex) -> reported.set(ex));
			throw failure;
		});
		await().atMost(LONG).untilAsserted(() -> assertThat(reported.get()).isSameAs(failure));
		assertThat(this.executor.submit(() -> "still running").get(LONG.toMillis(), TimeUnit.MILLISECONDS))
			.isEqualTo("still running");
	}

	@Test
	void submitCallableReturnsItsResult() throws Exception {
		Future<String> future = this.executor.submit(() -> "result");
		assertThat(future.get(LONG.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("result");
		assertThat(future.isDone()).isTrue();
		assertThat(future.isCancelled()).isFalse();
	}

	@Test
	void submitRunnableRunsItAndItsFutureReturnsNull() throws Exception {
		AtomicBoolean ran = new AtomicBoolean();
		Future<?> future = this.executor.submit(() -> ran.set(true));
		assertThat(future.get(LONG.toMillis(), TimeUnit.MILLISECONDS)).isNull();
		assertThat(ran).isTrue();
	}

	@Test
	void submitRunnableWithResultReturnsTheGivenResultAfterRunningIt() throws Exception {
		AtomicBoolean ran = new AtomicBoolean();
		Future<String> future = this.executor.submit(() -> ran.set(true), "given");
		assertThat(future.get(LONG.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("given");
		assertThat(ran).isTrue();
	}

	@Test
	void failureOfASubmittedCallableSurfacesAsExecutionExceptionWithTheCause() {
		Exception failure = new Exception("checked failure");
		Future<Object> future = this.executor.submit(() -> {
			throw failure;
		});
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> future.get(LONG.toMillis(), TimeUnit.MILLISECONDS))
			.withCause(failure);
		assertThat(future.isDone()).isTrue();
		assertThat(future.isCancelled()).isFalse();
	}

	@Test
	void failureOfASubmittedRunnableSurfacesAsExecutionExceptionWithTheCause() {
		RuntimeException failure = new IllegalStateException("runnable failure");
		Future<?> future = this.executor.submit((Runnable) () -> {
			throw failure;
		});
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(future::get).withCause(failure);
	}

	@Test
	void failureOfASubmittedRunnableWithResultSurfacesAsExecutionExceptionWithTheCause() {
		RuntimeException failure = new IllegalStateException("runnable failure");
		Future<String> future = this.executor.submit(() -> {
			throw failure;
		}, "unused");
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> future.get(LONG.toMillis(), TimeUnit.MILLISECONDS))
			.withCause(failure);
	}

	@Test
	void executeOfNullThrowsNullPointerException() {
		assertThatNullPointerException().isThrownBy(() -> this.executor.execute(null));
	}

	@Test
	void submitOfANullRunnableThrowsNullPointerException() {
		assertThatNullPointerException().isThrownBy(() -> this.executor.submit((Runnable) null));
	}

	@Test
	void submitOfANullCallableThrowsNullPointerException() {
		assertThatNullPointerException().isThrownBy(() -> this.executor.submit((Callable<?>) null));
	}

	@Test
	void submitOfANullRunnableWithResultThrowsNullPointerException() {
		assertThatNullPointerException().isThrownBy(() -> this.executor.submit(null, "result"));
	}

	// ---- invokeAll

	@Test
	void invokeAllReturnsTheResultsInTheOrderOfTheTasksNotOfCompletion() throws Exception {
		CountDownLatch lastDone = new CountDownLatch(1);
		List<Callable<Integer>> tasks = List.of(() -> {
			awaitLatch(lastDone, "last task done");
			return 1;
		}, () -> 2, () -> {
			lastDone.countDown();
			return 3;
		});
		List<Future<Integer>> futures = this.executor.invokeAll(tasks);
		assertThat(futures).hasSize(3).allMatch(Future::isDone);
		assertThat(futures.stream().map(ExecutorServiceContract::get)).containsExactly(1, 2, 3);
	}

	@Test
	void invokeAllReturnsOnlyWhenEveryTaskIsDone() throws Exception {
		List<Callable<Integer>> tasks = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			int n = i;
			tasks.add(() -> {
				Thread.sleep(20);
				return n;
			});
		}
		List<Future<Integer>> futures = this.executor.invokeAll(tasks);
		assertThat(futures).hasSize(6).allMatch(Future::isDone).noneMatch(Future::isCancelled);
		assertThat(futures.stream().map(ExecutorServiceContract::get)).containsExactly(0, 1, 2, 3, 4, 5);
	}

	@Test
	void invokeAllGivesAFailingTaskAFailedFutureAndTheOthersTheirResults() throws Exception {
		IllegalStateException failure = new IllegalStateException("second fails");
		List<Callable<String>> tasks = List.of(() -> "first", () -> {
			throw failure;
		}, () -> "third");
		List<Future<String>> futures = this.executor.invokeAll(tasks);
		assertThat(get(futures.get(0))).isEqualTo("first");
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> futures.get(1).get()).withCause(failure);
		assertThat(get(futures.get(2))).isEqualTo("third");
	}

	@Test
	void invokeAllOfNullThrowsNullPointerException() {
		assertThatNullPointerException().isThrownBy(() -> this.executor.invokeAll(null));
		assertThatNullPointerException().isThrownBy(() -> this.executor.invokeAll(null, 1, TimeUnit.SECONDS));
	}

	@Test
	void invokeAllWithANullTaskThrowsNullPointerException() {
		List<Callable<String>> tasks = Arrays.asList(() -> "first", null);
		assertThatNullPointerException().isThrownBy(() -> this.executor.invokeAll(tasks));
		assertThatNullPointerException().isThrownBy(() -> this.executor.invokeAll(tasks, 1, TimeUnit.SECONDS));
	}

	@Test
	void timedInvokeAllWithANullUnitThrowsNullPointerException() {
		assertThatNullPointerException().isThrownBy(() -> this.executor.invokeAll(List.of(() -> "x"), 1, null));
	}

	@Test
	void invokeAllOfNoTasksReturnsAnEmptyList() throws Exception {
		assertThat(this.executor.invokeAll(Collections.<Callable<String>>emptyList())).isEmpty();
		assertThat(this.executor.invokeAll(Collections.<Callable<String>>emptyList(), 1, TimeUnit.SECONDS)).isEmpty();
	}

	@Test
	void timedInvokeAllReturnsTheResultsInOrderWhenTheyAllFinishInTime() throws Exception {
		List<Callable<Integer>> tasks = List.of(() -> 1, () -> 2, () -> 3, () -> 4);
		List<Future<Integer>> futures = this.executor.invokeAll(tasks, LONG.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(futures).allMatch(Future::isDone).noneMatch(Future::isCancelled);
		assertThat(futures.stream().map(ExecutorServiceContract::get)).containsExactly(1, 2, 3, 4);
	}

	@Test
	void timedInvokeAllThatTimesOutCancelsTheUnfinishedTasksAndReturnsEveryFutureDone() throws Exception {
		CountDownLatch interrupted = new CountDownLatch(1);
		AtomicBoolean queuedRan = new AtomicBoolean();
		// The running tasks keep their threads until the release, interrupted or not: a
		// thread that a cancellation frees could otherwise take the queued task before
		// invokeAll has cancelled it too, and run it, which the contract allows.
		List<Callable<String>> tasks = List.of(() -> "quick", () -> {
			try {
				block();
				return "released";
			}
			catch (InterruptedException ex) {
				interrupted.countDown();
				blockIgnoringInterrupts();
				throw ex;
			}
		}, () -> {
			blockIgnoringInterrupts();
			return "blocked";
		}, () -> {
			queuedRan.set(true);
			return "queued";
		});
		long start = System.nanoTime();
		List<Future<String>> futures = this.executor.invokeAll(tasks, SHORT_MILLIS, TimeUnit.MILLISECONDS);
		assertThat(millisSince(start)).isGreaterThanOrEqualTo(SHORT_MILLIS - 10);
		assertThat(futures).hasSize(4).allMatch(Future::isDone);
		assertThat(get(futures.get(0))).isEqualTo("quick");
		assertThat(futures.subList(1, 4)).allMatch(Future::isCancelled);
		assertThatExceptionOfType(CancellationException.class).isThrownBy(() -> futures.get(1).get());
		awaitLatch(interrupted, "running task interrupted by the cancellation");
		release();
		this.executor.shutdown();
		assertThat(this.executor.awaitTermination(LONG.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		assertThat(queuedRan).as("cancelled queued task ran").isFalse();
	}

	@Test
	void timedInvokeAllWithAnExpiredTimeoutReturnsEveryFutureDone() throws Exception {
		List<Callable<String>> tasks = List.of(() -> "a", () -> {
			block();
			return "b";
		});
		List<Future<String>> futures = this.executor.invokeAll(tasks, 0, TimeUnit.NANOSECONDS);
		assertThat(futures).hasSize(2).allMatch(Future::isDone);
		assertThat(futures.get(1).isCancelled()).isTrue();
	}

	// ---- invokeAny

	@Test
	void invokeAnyReturnsTheResultOfATaskThatSucceeds() throws Exception {
		List<Callable<String>> tasks = List.of(() -> {
			throw new IllegalStateException("fails");
		}, () -> "success", () -> {
			throw new IllegalStateException("fails too");
		});
		assertThat(this.executor.invokeAny(tasks)).isEqualTo("success");
	}

	@Test
	void invokeAnyWhenEveryTaskFailsThrowsExecutionException() {
		IllegalStateException failure = new IllegalStateException("all fail");
		List<Callable<String>> tasks = List.of(() -> {
			throw failure;
		}, () -> {
			throw failure;
		});
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> this.executor.invokeAny(tasks))
			.withCause(failure);
	}

	@Test
	void invokeAnyOfNoTasksThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.executor.invokeAny(Collections.<Callable<String>>emptyList()));
		assertThatIllegalArgumentException().isThrownBy(
				() -> this.executor.invokeAny(Collections.<Callable<String>>emptyList(), 1, TimeUnit.SECONDS));
	}

	@Test
	void invokeAnyOfNullThrowsNullPointerException() {
		assertThatNullPointerException().isThrownBy(() -> this.executor.invokeAny(null));
		assertThatNullPointerException().isThrownBy(() -> this.executor.invokeAny(null, 1, TimeUnit.SECONDS));
	}

	@Test
	void invokeAnyWithANullTaskThrowsNullPointerException() throws Exception {
		assertThatNullPointerException()
			.isThrownBy(() -> this.executor.invokeAny(Collections.<Callable<String>>singletonList(null)));
		// the first task still runs when the null one is reached: it must be cancelled
		CountDownLatch interrupted = new CountDownLatch(1);
		CountDownLatch started = new CountDownLatch(1);
		List<Callable<String>> tasks = Arrays.asList(() -> {
			started.countDown();
			try {
				block();
			}
			catch (InterruptedException ex) {
				interrupted.countDown();
			}
			return "late";
		}, null);
		assertThatNullPointerException()
			.isThrownBy(() -> this.executor.invokeAny(tasks, LONG.toMillis(), TimeUnit.MILLISECONDS));
		this.executor.shutdown();
		assertThat(this.executor.awaitTermination(LONG.toMillis(), TimeUnit.MILLISECONDS))
			.as("first task cancelled, not left waiting for the release")
			.isTrue();
		assertThat(interrupted.getCount() == 0 || started.getCount() == 1).as("started means interrupted").isTrue();
	}

	@Test
	void timedInvokeAnyReturnsTheResultOfATaskThatSucceeds() throws Exception {
		List<Callable<Integer>> tasks = List.of(() -> {
			throw new IllegalStateException("fails");
		}, () -> 42);
		assertThat(this.executor.invokeAny(tasks, LONG.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(42);
	}

	@Test
	void timedInvokeAnyWhenEveryTaskFailsThrowsExecutionException() {
		IllegalStateException failure = new IllegalStateException("all fail");
		List<Callable<String>> tasks = List.of(() -> {
			throw failure;
		});
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> this.executor.invokeAny(tasks, LONG.toMillis(), TimeUnit.MILLISECONDS))
			.withCause(failure);
	}

	@Test
	void timedInvokeAnyThatTimesOutThrowsTimeoutExceptionAndCancelsItsTasks() throws Exception {
		CountDownLatch interrupted = new CountDownLatch(2);
		Callable<String> blocked = () -> {
			try {
				block();
				return "released";
			}
			catch (InterruptedException ex) {
				interrupted.countDown();
				throw ex;
			}
		};
		long start = System.nanoTime();
		assertThatExceptionOfType(TimeoutException.class)
			.isThrownBy(() -> this.executor.invokeAny(List.of(blocked, blocked), SHORT_MILLIS, TimeUnit.MILLISECONDS));
		assertThat(millisSince(start)).isGreaterThanOrEqualTo(SHORT_MILLIS - 10);
		awaitLatch(interrupted, "both tasks interrupted");
	}

	@Test
	void timedInvokeAnyWithANullUnitThrowsNullPointerException() {
		assertThatNullPointerException()
			.isThrownBy(() -> this.executor.invokeAny(List.of(() -> "x"), 1, null));
	}

	@Test
	void invokeAnyCancelsTheRemainingTasksAfterASuccess() throws Exception {
		CountDownLatch slowStarted = new CountDownLatch(1);
		CountDownLatch slowInterrupted = new CountDownLatch(1);
		AtomicBoolean slowFinished = new AtomicBoolean();
		List<Callable<String>> tasks = List.of(() -> {
			slowStarted.countDown();
			try {
				block();
				slowFinished.set(true);
				return "slow";
			}
			catch (InterruptedException ex) {
				slowInterrupted.countDown();
				throw ex;
			}
		}, () -> {
			awaitLatch(slowStarted, "slow task started");
			return "fast";
		});
		assertThat(this.executor.invokeAny(tasks)).isEqualTo("fast");
		awaitLatch(slowInterrupted, "slow task interrupted");
		assertThat(slowFinished).isFalse();
	}

	// ---- shutdown

	@Test
	void shutdownRefusesNewTasks() throws Exception {
		this.executor.shutdown();
		assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> this.executor.execute(() -> {
		}));
		assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> this.executor.submit(() -> {
		}));
		assertThatExceptionOfType(RejectedExecutionException.class)
			.isThrownBy(() -> this.executor.submit(() -> "x"));
		assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> this.executor.submit(() -> {
		}, "x"));
		assertThatExceptionOfType(RejectedExecutionException.class)
			.isThrownBy(() -> this.executor.invokeAll(List.of(() -> "x")));
		assertThatExceptionOfType(RejectedExecutionException.class)
			.isThrownBy(() -> this.executor.invokeAny(List.of(() -> "x")));
	}

	@Test
	void shutdownLetsRunningAndQueuedTasksFinish() throws Exception {
		List<Future<?>> running = occupyBothThreads();
		Future<String> queued = this.executor.submit(() -> "queued ran");
		this.executor.shutdown();
		assertThat(queued.isDone()).isFalse();
		release();
		assertThat(get(queued)).isEqualTo("queued ran");
		for (Future<?> future : running) {
			assertThat(get(future)).isNull();
		}
		assertThat(this.executor.awaitTermination(LONG.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
	}

	@Test
	void shutdownIsShutdownAtOnceAndTerminatedOnlyOnceItsTasksFinish() throws Exception {
		occupyBothThreads();
		assertThat(this.executor.isShutdown()).isFalse();
		this.executor.shutdown();
		assertThat(this.executor.isShutdown()).isTrue();
		assertThat(this.executor.isTerminated()).isFalse();
		assertThat(this.executor.awaitTermination(SHORT_MILLIS, TimeUnit.MILLISECONDS)).isFalse();
		assertThat(this.executor.isTerminated()).isFalse();
		release();
		assertThat(this.executor.awaitTermination(LONG.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		assertThat(this.executor.isTerminated()).isTrue();
		assertThat(this.executor.isShutdown()).isTrue();
	}

	@Test
	void shutdownTwiceIsHarmless() throws Exception {
		Future<String> future = this.executor.submit(() -> "done");
		this.executor.shutdown();
		this.executor.shutdown();
		assertThat(get(future)).isEqualTo("done");
		assertThat(this.executor.awaitTermination(LONG.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		this.executor.shutdown();
		assertThat(this.executor.isTerminated()).isTrue();
	}

	@Test
	void shutdownOfAnIdleExecutorTerminatesIt() throws Exception {
		assertThat(get(this.executor.submit(() -> "warm"))).isEqualTo("warm");
		assertThat(this.executor.isTerminated()).isFalse();
		this.executor.shutdown();
		assertThat(this.executor.awaitTermination(LONG.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		assertThat(this.executor.isTerminated()).isTrue();
	}

	@Test
	void notShutDownExecutorIsNotTerminatedEvenWhenIdle() throws Exception {
		assertThat(get(this.executor.submit(() -> "warm"))).isEqualTo("warm");
		assertThat(this.executor.isShutdown()).isFalse();
		assertThat(this.executor.isTerminated()).isFalse();
		assertThat(this.executor.awaitTermination(SHORT_MILLIS, TimeUnit.MILLISECONDS)).isFalse();
	}

	// ---- shutdownNow

	@Test
	void shutdownNowReturnsExactlyTheTasksThatNeverStarted() throws Exception {
		occupyBothThreads();
		AtomicInteger ran = new AtomicInteger();
		List<Runnable> queued = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			Runnable task = ran::incrementAndGet;
			queued.add(task);
			this.executor.execute(task);
		}
		List<Runnable> neverStarted = this.executor.shutdownNow();
		assertThat(neverStarted).containsExactlyInAnyOrderElementsOf(queued);
		assertThat(this.executor.isShutdown()).isTrue();
		assertThat(this.executor.awaitTermination(LONG.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		assertThat(ran).as("drained tasks that ran").hasValue(0);
	}

	@Test
	void shutdownNowInterruptsRunningTasksAndThenTerminates() throws Exception {
		CountDownLatch started = new CountDownLatch(2);
		CountDownLatch interrupted = new CountDownLatch(2);
		for (int i = 0; i < 2; i++) {
			this.executor.execute(() -> {
				started.countDown();
				try {
					block();
				}
				catch (InterruptedException ex) {
					interrupted.countDown();
				}
			});
		}
		awaitLatch(started, "both tasks running");
		assertThat(this.executor.shutdownNow()).isEmpty();
		awaitLatch(interrupted, "both running tasks interrupted");
		assertThat(this.executor.awaitTermination(LONG.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		assertThat(this.executor.isTerminated()).isTrue();
	}

	@Test
	void runningTasksThatIgnoreInterruptsKeepTheExecutorFromTerminatingUntilTheyReturn() throws Exception {
		CountDownLatch started = new CountDownLatch(2);
		CountDownLatch returned = new CountDownLatch(2);
		for (int i = 0; i < 2; i++) {
			this.executor.execute(() -> {
				started.countDown();
				blockIgnoringInterrupts();
				returned.countDown();
			});
		}
		awaitLatch(started, "both tasks running");
		this.executor.shutdownNow();
		assertThat(this.executor.isShutdown()).isTrue();
		assertThat(this.executor.isTerminated()).isFalse();
		assertThat(this.executor.awaitTermination(SHORT_MILLIS, TimeUnit.MILLISECONDS)).isFalse();
		assertThat(this.executor.isTerminated()).isFalse();
		release();
		awaitLatch(returned, "tasks returned");
		assertThat(this.executor.awaitTermination(LONG.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		assertThat(this.executor.isTerminated()).isTrue();
	}

	@Test
	void shutdownNowReturnsTheFutureOfANeverStartedCallable() throws Exception {
		occupyBothThreads();
		AtomicBoolean ran = new AtomicBoolean();
		Future<String> queued = this.executor.submit(() -> {
			ran.set(true);
			return "queued";
		});
		List<Runnable> neverStarted = this.executor.shutdownNow();
		assertThat(neverStarted).containsExactly((Runnable) queued);
		// the view also cancels it (documented); ThreadPoolExecutor leaves it pending
		assertThat(queued.isCancelled()).isEqualTo(shutdownNowCancelsNeverStartedFutures());
		assertThat(this.executor.awaitTermination(LONG.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		assertThat(ran).isFalse();
	}

	@Test
	void shutdownNowReturnsANeverStartedSubmittedRunnable() throws Exception {
		occupyBothThreads();
		AtomicBoolean ran = new AtomicBoolean();
		Runnable task = () -> ran.set(true);
		Future<?> queued = this.executor.submit(task);
		List<Runnable> neverStarted = this.executor.shutdownNow();
		// the view returns the Runnable as submitted (documented); ThreadPoolExecutor its future
		assertThat(neverStarted).containsExactly((Runnable) neverStartedEntryOfSubmittedRunnable(task, queued));
		assertThat(this.executor.awaitTermination(LONG.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		assertThat(ran).isFalse();
	}

	@Test
	void shutdownNowRefusesNewTasks() {
		assertThat(this.executor.shutdownNow()).isEmpty();
		assertThat(this.executor.isShutdown()).isTrue();
		assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> this.executor.execute(() -> {
		}));
		assertThatExceptionOfType(RejectedExecutionException.class)
			.isThrownBy(() -> this.executor.submit(() -> "x"));
	}

	@Test
	void shutdownNowOfAnIdleExecutorReturnsNothingAndTerminates() throws Exception {
		assertThat(get(this.executor.submit(() -> "warm"))).isEqualTo("warm");
		assertThat(this.executor.shutdownNow()).isEmpty();
		assertThat(this.executor.awaitTermination(LONG.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		assertThat(this.executor.shutdownNow()).isEmpty();
		assertThat(this.executor.isTerminated()).isTrue();
	}

	// ---- awaitTermination

	@Test
	void awaitTerminationWithAZeroOrNegativeTimeoutChecksOnceWithoutWaiting() throws Exception {
		assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
			for (TimeUnit unit : TimeUnit.values()) {
				assertThat(this.executor.awaitTermination(0, unit)).as("0 %s", unit).isFalse();
				assertThat(this.executor.awaitTermination(-1, unit)).as("-1 %s", unit).isFalse();
			}
		});
	}

	@Test
	void awaitTerminationWithLongMinValueReturnsFalseAtOnce() throws Exception {
		assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
			for (TimeUnit unit : TimeUnit.values()) {
				assertThat(this.executor.awaitTermination(Long.MIN_VALUE, unit)).as("MIN_VALUE %s", unit).isFalse();
			}
		});
		occupyBothThreads();
		this.executor.shutdown();
		assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
			for (TimeUnit unit : TimeUnit.values()) {
				assertThat(this.executor.awaitTermination(Long.MIN_VALUE, unit)).as("shut down, MIN_VALUE %s", unit)
					.isFalse();
			}
		});
	}

	@Test
	void awaitTerminationOfATerminatedExecutorReturnsTrueAtOnceWhateverTheTimeout() throws Exception {
		this.executor.shutdown();
		assertThat(this.executor.awaitTermination(LONG.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
			for (TimeUnit unit : TimeUnit.values()) {
				assertThat(this.executor.awaitTermination(Long.MAX_VALUE, unit)).as("MAX_VALUE %s", unit).isTrue();
				assertThat(this.executor.awaitTermination(Long.MIN_VALUE, unit)).as("MIN_VALUE %s", unit).isTrue();
				assertThat(this.executor.awaitTermination(0, unit)).as("0 %s", unit).isTrue();
			}
		});
	}

	@Test
	void awaitTerminationWithAHugeTimeoutWaitsUntilTheTasksFinish() throws Exception {
		for (TimeUnit unit : List.of(TimeUnit.NANOSECONDS, TimeUnit.SECONDS, TimeUnit.DAYS)) {
			ExecutorService executor = (unit == TimeUnit.NANOSECONDS) ? this.executor : newExecutor();
			try {
				CountDownLatch started = new CountDownLatch(1);
				CountDownLatch finish = new CountDownLatch(1);
				executor.execute(() -> {
					started.countDown();
					try {
						finish.await(LONG.toMillis(), TimeUnit.MILLISECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				});
				awaitLatch(started, "task running");
				executor.shutdown();
				new Thread(() -> {
					sleepQuietly(SHORT_MILLIS);
					finish.countDown();
				}).start();
				long start = System.nanoTime();
				assertThat(executor.awaitTermination(Long.MAX_VALUE, unit)).as("MAX_VALUE %s", unit).isTrue();
				assertThat(millisSince(start)).isLessThan(LONG.toMillis());
				assertThat(executor.isTerminated()).isTrue();
			}
			finally {
				if (executor != this.executor) {
					executor.shutdownNow();
					executor.awaitTermination(LONG.toMillis(), TimeUnit.MILLISECONDS);
					closeExtraExecutor(executor);
				}
			}
		}
	}

	/**
	 * Release what an executor made by {@link #newExecutor()} beyond the first runs on.
	 * @param executor the executor, terminated
	 */
	abstract void closeExtraExecutor(ExecutorService executor);

	static void sleepQuietly(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void awaitTerminationWithAShortTimeoutReturnsFalseAfterAboutThatTime() throws Exception {
		occupyBothThreads();
		this.executor.shutdown();
		long start = System.nanoTime();
		assertThat(this.executor.awaitTermination(SHORT_MILLIS, TimeUnit.MILLISECONDS)).isFalse();
		assertThat(millisSince(start)).isBetween(SHORT_MILLIS - 10, LONG.toMillis() / 2);
	}

	@Test
	void awaitTerminationThrowsInterruptedExceptionWhenTheWaitingThreadIsInterrupted() throws Exception {
		AtomicReference<Throwable> thrown = new AtomicReference<>();
		CountDownLatch waiting = new CountDownLatch(1);
		Thread waiter = new Thread(() -> {
			waiting.countDown();
			try {
				this.executor.awaitTermination(LONG.toMillis(), TimeUnit.MILLISECONDS);
				thrown.set(new AssertionError("returned without an interrupt"));
			}
			catch (Throwable ex) {
				thrown.set(ex);
			}
		});
		waiter.start();
		awaitLatch(waiting, "waiter started");
		await().atMost(LONG)
			.until(() -> waiter.getState() == Thread.State.TIMED_WAITING || waiter.getState() == Thread.State.WAITING);
		waiter.interrupt();
		waiter.join(LONG.toMillis());
		assertThat(waiter.isAlive()).isFalse();
		assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
	}

	@Test
	void awaitTerminationByAnAlreadyInterruptedThreadThrowsInterruptedException() {
		Thread.currentThread().interrupt();
		try {
			assertThatExceptionOfType(InterruptedException.class)
				.isThrownBy(() -> this.executor.awaitTermination(LONG.toMillis(), TimeUnit.MILLISECONDS));
		}
		finally {
			Thread.interrupted();
		}
	}

	// ---- Future

	@Test
	void cancelWithInterruptInterruptsARunningTask() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch interrupted = new CountDownLatch(1);
		Future<?> future = this.executor.submit(() -> {
			started.countDown();
			try {
				block();
			}
			catch (InterruptedException ex) {
				interrupted.countDown();
			}
		});
		awaitLatch(started, "task running");
		assertThat(future.isDone()).isFalse();
		assertThat(future.cancel(true)).isTrue();
		assertThat(future.isCancelled()).isTrue();
		assertThat(future.isDone()).isTrue();
		awaitLatch(interrupted, "task interrupted");
	}

	@Test
	void cancelWithoutInterruptLetsARunningTaskGoOnUninterrupted() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch finished = new CountDownLatch(1);
		AtomicBoolean sawInterrupt = new AtomicBoolean();
		Future<?> future = submitWaitingForRelease(started, finished, sawInterrupt);
		awaitLatch(started, "task running");
		assertThat(future.cancel(false)).isTrue();
		assertThat(future.isCancelled()).isTrue();
		assertThat(finished.await(SHORT_MILLIS, TimeUnit.MILLISECONDS)).as("task ended before release").isFalse();
		release();
		awaitLatch(finished, "task finished");
		assertThat(sawInterrupt).isFalse();
		assertThatExceptionOfType(CancellationException.class).isThrownBy(future::get);
	}

	@Test
	void cancelOfAQueuedTaskMeansItNeverRuns() throws Exception {
		occupyBothThreads();
		AtomicBoolean ran = new AtomicBoolean();
		Future<?> queued = this.executor.submit(() -> ran.set(true));
		assertThat(queued.cancel(false)).isTrue();
		assertThat(queued.isCancelled()).isTrue();
		assertThat(queued.isDone()).isTrue();
		release();
		assertThat(get(this.executor.submit(() -> "after"))).isEqualTo("after");
		this.executor.shutdown();
		assertThat(this.executor.awaitTermination(LONG.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		assertThat(ran).isFalse();
	}

	@Test
	void getOfACancelledFutureThrowsCancellationException() throws Exception {
		occupyBothThreads();
		Future<String> queued = this.executor.submit(() -> "never");
		queued.cancel(true);
		assertThatExceptionOfType(CancellationException.class).isThrownBy(queued::get);
		assertThatExceptionOfType(CancellationException.class)
			.isThrownBy(() -> queued.get(SHORT_MILLIS, TimeUnit.MILLISECONDS));
	}

	@Test
	void timedGetOfAnUnfinishedTaskThrowsTimeoutException() throws Exception {
		Future<String> future = this.executor.submit(() -> {
			block();
			return "late";
		});
		long start = System.nanoTime();
		assertThatExceptionOfType(TimeoutException.class)
			.isThrownBy(() -> future.get(SHORT_MILLIS, TimeUnit.MILLISECONDS));
		assertThat(millisSince(start)).isGreaterThanOrEqualTo(SHORT_MILLIS - 10);
		assertThat(future.isDone()).isFalse();
		release();
		assertThat(get(future)).isEqualTo("late");
	}

	@Test
	void cancelOfACompletedTaskFailsAndLeavesItsResult() throws Exception {
		Future<String> future = this.executor.submit(() -> "done");
		assertThat(get(future)).isEqualTo("done");
		assertThat(future.cancel(true)).isFalse();
		assertThat(future.cancel(false)).isFalse();
		assertThat(future.isCancelled()).isFalse();
		assertThat(future.get()).isEqualTo("done");
	}

	@Test
	void secondCancelFailsButTheFutureStaysCancelled() throws Exception {
		occupyBothThreads();
		Future<String> queued = this.executor.submit(() -> "never");
		assertThat(queued.cancel(false)).isTrue();
		assertThat(queued.cancel(true)).isFalse();
		assertThat(queued.isCancelled()).isTrue();
	}

	@Test
	void cancelWithInterruptAfterCancelWithoutInterruptHasNoEffectOnTheRunningTask() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch finished = new CountDownLatch(1);
		AtomicBoolean sawInterrupt = new AtomicBoolean();
		Future<?> future = submitWaitingForRelease(started, finished, sawInterrupt);
		awaitLatch(started, "task running");
		assertThat(future.cancel(false)).isTrue();
		future.cancel(true);
		assertThat(finished.await(SHORT_MILLIS, TimeUnit.MILLISECONDS)).as("task ended before release").isFalse();
		release();
		awaitLatch(finished, "task finished");
		assertThat(sawInterrupt).as("task interrupted by the second cancel").isFalse();
	}

	@Test
	void isDoneTurnsTrueWhenTheTaskCompletes() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		Future<String> future = this.executor.submit(() -> {
			started.countDown();
			block();
			return "done";
		});
		awaitLatch(started, "task running");
		assertThat(future.isDone()).isFalse();
		release();
		await().atMost(LONG).until(future::isDone);
		assertThat(future.isCancelled()).isFalse();
		assertThat(future.get()).isEqualTo("done");
	}

	// ---- ExecutorCompletionService

	@Test
	void completionServiceReturnsFuturesInCompletionOrder() throws Exception {
		CompletionService<String> completion = new ExecutorCompletionService<>(this.executor);
		CountDownLatch secondDone = new CountDownLatch(1);
		completion.submit(() -> {
			awaitLatch(secondDone, "second task taken");
			return "first submitted";
		});
		completion.submit(() -> "second submitted");
		Future<String> firstCompleted = completion.poll(LONG.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(firstCompleted).isNotNull();
		assertThat(firstCompleted.get()).isEqualTo("second submitted");
		secondDone.countDown();
		assertThat(completion.take().get()).isEqualTo("first submitted");
		assertThat(completion.poll()).isNull();
	}

	@Test
	void completionServicePollWaitsAtMostItsTimeout() throws Exception {
		CompletionService<String> completion = new ExecutorCompletionService<>(this.executor);
		assertThat(completion.poll()).isNull();
		long start = System.nanoTime();
		assertThat(completion.poll(SHORT_MILLIS, TimeUnit.MILLISECONDS)).isNull();
		assertThat(millisSince(start)).isGreaterThanOrEqualTo(SHORT_MILLIS - 10);
		completion.submit(() -> {
			Thread.sleep(SHORT_MILLIS);
			return "later";
		});
		Future<String> done = completion.poll(LONG.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(done).isNotNull();
		assertThat(done.get()).isEqualTo("later");
	}

	@Test
	void completionServiceSurfacesATaskFailure() throws Exception {
		CompletionService<String> completion = new ExecutorCompletionService<>(this.executor);
		IllegalStateException failure = new IllegalStateException("failed");
		completion.submit(() -> {
			throw failure;
		});
		Future<String> done = completion.poll(LONG.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(done).isNotNull();
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(done::get).withCause(failure);
	}

	@Test
	void completionServiceRunnableWithResultReturnsTheResult() throws Exception {
		CompletionService<String> completion = new ExecutorCompletionService<>(this.executor);
		AtomicBoolean ran = new AtomicBoolean();
		completion.submit(() -> ran.set(true), "given");
		Future<String> done = completion.poll(LONG.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(done).isNotNull();
		assertThat(done.get()).isEqualTo("given");
		assertThat(ran).isTrue();
	}

	// ---- memory visibility

	/** Written and read without synchronization, so only happens-before makes writes visible. */
	private int plain;

	private int[] plainArray = new int[0];

	@Test
	void writesBeforeSubmitAreVisibleInTheTask() throws Exception {
		List<Future<Integer>> futures = new ArrayList<>();
		for (int i = 1; i <= 200; i++) {
			this.plain = i;
			futures.add(this.executor.submit(() -> this.plain));
			assertThat(get(futures.get(i - 1))).isEqualTo(i);
		}
	}

	@Test
	void writesOfTheTaskAreVisibleAfterGet() throws Exception {
		for (int i = 1; i <= 200; i++) {
			int n = i;
			Future<?> future = this.executor.submit(() -> {
				int[] array = new int[n];
				Arrays.fill(array, n);
				this.plainArray = array;
			});
			get(future);
			int[] seen = this.plainArray;
			assertThat(seen).hasSize(n).containsOnly(n);
		}
	}

	@Test
	void writesOfInvokeAllTasksAreVisibleWhenItReturns() throws Exception {
		int[] slots = new int[20];
		List<Callable<Void>> tasks = new ArrayList<>();
		for (int i = 0; i < slots.length; i++) {
			int n = i;
			tasks.add(() -> {
				slots[n] = n + 1;
				return null;
			});
		}
		this.executor.invokeAll(tasks);
		for (int i = 0; i < slots.length; i++) {
			assertThat(slots[i]).as("slot %d", i).isEqualTo(i + 1);
		}
	}

}
