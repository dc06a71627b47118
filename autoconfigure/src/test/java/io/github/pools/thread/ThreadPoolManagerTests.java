package io.github.pools.thread;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.pools.PendingTask;
import io.github.pools.PoolKind;
import io.github.pools.PoolListener;
import io.github.pools.PoolManager;
import io.github.pools.PoolState;
import io.github.pools.PoolStats;
import io.github.pools.RejectionReason;
import io.github.pools.TaskRejectedException;
import io.github.pools.UnknownTaskTypeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ThreadPoolManager} used without Spring.
 */
class ThreadPoolManagerTests {

	private static final long WAIT = 10;

	private final List<ThreadPoolManager> pools = new ArrayList<>();

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void closePools() {
		this.release.countDown();
		this.pools.forEach(ThreadPoolManager::close);
	}

	private ThreadPoolManager start(ThreadPoolManager.Builder builder) {
		ThreadPoolManager pool = builder.build();
		this.pools.add(pool);
		pool.start();
		return pool;
	}

	private void block() {
		try {
			this.release.await(WAIT, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void submitRunsTaskOnPoolThreadAndCompletesFuture() throws Exception {
		ThreadPoolManager pool = start(ThreadPoolManager.builder("io").maxSize(2));
		CompletableFuture<String> future = pool.submit(null, () -> Thread.currentThread().getName());
		assertThat(future.get(WAIT, TimeUnit.SECONDS)).startsWith("io-");
		assertThat(pool.kind()).isEqualTo(PoolKind.THREAD);
	}

	@Test
	void submitRunnableCompletesWithNull() throws Exception {
		ThreadPoolManager pool = start(ThreadPoolManager.builder("io"));
		AtomicBoolean ran = new AtomicBoolean();
		assertThat(pool.submit(null, () -> ran.set(true)).get(WAIT, TimeUnit.SECONDS)).isNull();
		assertThat(ran).isTrue();
	}

	@Test
	void typedPoolAcceptsItsOwnType() throws Exception {
		ThreadPoolManager pool = start(ThreadPoolManager.builder("requests").taskType("request"));
		assertThat(pool.submit("request", () -> 42).get(WAIT, TimeUnit.SECONDS)).isEqualTo(42);
	}

	@Test
	void typedPoolWhenTaskTypeMismatchShouldRejectAtSubmitAndCountIt() {
		ThreadPoolManager pool = start(ThreadPoolManager.builder("requests").taskType("request"));
		AtomicBoolean ran = new AtomicBoolean();
		assertThatExceptionOfType(UnknownTaskTypeException.class)
			.isThrownBy(() -> pool.submit("report", () -> ran.getAndSet(true)))
			.withMessage("Pool 'requests' accepts only tasks of type 'request' and refused a task of type 'report'")
			.satisfies((ex) -> {
				assertThat(ex.getPoolName()).isEqualTo("requests");
				assertThat(ex.getPoolTaskType()).isEqualTo("request");
				assertThat(ex.getTaskType()).isEqualTo("report");
				assertThat(ex.getReason()).isEqualTo(RejectionReason.TASK_TYPE);
			});
		PoolStats stats = pool.stats();
		assertThat(stats.rejected()).containsEntry(RejectionReason.TASK_TYPE, 1L);
		assertThat(stats.queued()).isZero();
		assertThat(ran).isFalse();
	}

	@Test
	void typedPoolWhenTaskHasNoTypeShouldReject() {
		ThreadPoolManager pool = start(ThreadPoolManager.builder("requests").taskType("request"));
		assertThatExceptionOfType(UnknownTaskTypeException.class).isThrownBy(() -> pool.submit(null, () -> 1))
			.withMessageContaining("refused a task without a task type");
		assertThat(pool.stats().rejected()).containsEntry(RejectionReason.TASK_TYPE, 1L);
	}

	@Test
	void untypedPoolAcceptsTypedAndUntypedTasks() throws Exception {
		ThreadPoolManager pool = start(ThreadPoolManager.builder("any"));
		assertThat(pool.submit("report", () -> "typed").get(WAIT, TimeUnit.SECONDS)).isEqualTo("typed");
		assertThat(pool.submit(null, () -> "untyped").get(WAIT, TimeUnit.SECONDS)).isEqualTo("untyped");
		assertThat(pool.stats().rejectedTotal()).isZero();
	}

	@Test
	void taskExceptionCompletesFutureExceptionallyAndCountsFailure() {
		ThreadPoolManager pool = start(ThreadPoolManager.builder("io"));
		CompletableFuture<Object> future = pool.submit(null, () -> {
			throw new IllegalStateException("boom");
		});
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> future.get(WAIT, TimeUnit.SECONDS))
			.withCauseInstanceOf(IllegalStateException.class)
			.withMessageContaining("boom");
		await().untilAsserted(() -> assertThat(pool.stats().failed()).isEqualTo(1));
	}

	@Test
	void submitBeforeStartIsRejectedAsShutdown() {
		ThreadPoolManager pool = ThreadPoolManager.builder("io").build();
		this.pools.add(pool);
		assertThat(pool.state()).isEqualTo(PoolState.NEW);
		assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> pool.submit(null, () -> 1))
			.withMessage("Pool 'io' has not been started and accepts no tasks")
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(RejectionReason.SHUTDOWN));
		assertThat(pool.stats().rejected()).containsEntry(RejectionReason.SHUTDOWN, 1L);
	}

	@Test
	void cancelWithInterruptInterruptsRunningTask() throws Exception {
		ThreadPoolManager pool = start(ThreadPoolManager.builder("io").maxSize(1));
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch interrupted = new CountDownLatch(1);
		CompletableFuture<Void> future = pool.submit(null, () -> {
			started.countDown();
			try {
				Thread.sleep(TimeUnit.SECONDS.toMillis(WAIT));
			}
			catch (InterruptedException ex) {
				interrupted.countDown();
			}
		});
		assertThat(started.await(WAIT, TimeUnit.SECONDS)).isTrue();
		assertThat(future.cancel(true)).isTrue();
		assertThat(interrupted.await(WAIT, TimeUnit.SECONDS)).isTrue();
		assertThat(future).isCancelled();
		// The interrupt was meant for the cancelled task, not for the next one.
		assertThat(pool.submit(null, () -> Thread.currentThread().isInterrupted()).get(WAIT, TimeUnit.SECONDS))
			.isFalse();
	}

	@Test
	void cancelOfQueuedTaskRemovesItFromQueueAndItNeverRuns() throws Exception {
		ThreadPoolManager pool = start(ThreadPoolManager.builder("io").maxSize(1));
		pool.submit(null, this::block);
		AtomicBoolean ran = new AtomicBoolean();
		CompletableFuture<Void> queued = pool.submit(null, () -> ran.set(true));
		assertThat(pool.stats().queued()).isEqualTo(1);
		assertThat(queued.cancel(false)).isTrue();
		assertThat(pool.stats().queued()).isZero();
		this.release.countDown();
		assertThat(pool.submit(null, () -> "after").get(WAIT, TimeUnit.SECONDS)).isEqualTo("after");
		assertThat(ran).isFalse();
	}

	@Test
	void abortPolicyWhenSaturatedShouldRejectWithSaturated() {
		ThreadPoolManager pool = start(ThreadPoolManager.builder("io").maxSize(1).queueCapacity(1));
		pool.submit(null, this::block);
		awaitBusy(pool, 1);
		pool.submit(null, this::block);
		assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> pool.submit(null, () -> 1))
			.withMessageContaining("Pool 'io' is saturated: 1 of 1 threads busy and the queue of 1 is full")
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(RejectionReason.SATURATED));
		assertThat(pool.stats().rejected()).containsEntry(RejectionReason.SATURATED, 1L);
	}

	@Test
	void callerRunsPolicyWhenSaturatedShouldRunTaskOnSubmittingThread() throws Exception {
		ThreadPoolManager pool = start(ThreadPoolManager.builder("io")
			.maxSize(1)
			.queueCapacity(1)
			.rejectionPolicy(RejectionPolicy.CALLER_RUNS));
		pool.submit(null, this::block);
		awaitBusy(pool, 1);
		pool.submit(null, this::block);
		CompletableFuture<String> future = pool.submit(null, () -> Thread.currentThread().getName());
		assertThat(future).isDone();
		assertThat(future.get()).isEqualTo(Thread.currentThread().getName());
		assertThat(pool.stats().rejected()).containsEntry(RejectionReason.SATURATED, 1L);
	}

	@Test
	void discardPolicyWhenSaturatedShouldCancelTheNewTask() {
		ThreadPoolManager pool = start(
				ThreadPoolManager.builder("io").maxSize(1).queueCapacity(1).rejectionPolicy(RejectionPolicy.DISCARD));
		pool.submit(null, this::block);
		awaitBusy(pool, 1);
		CompletableFuture<Void> queued = pool.submit(null, this::block);
		CompletableFuture<Integer> discarded = pool.submit(null, () -> 1);
		assertThat(discarded).isCancelled();
		assertThat(queued).isNotDone();
		assertThat(pool.stats().rejected()).containsEntry(RejectionReason.SATURATED, 1L);
	}

	@Test
	void discardOldestPolicyWhenSaturatedShouldCancelOldestQueuedTask() throws Exception {
		ThreadPoolManager pool = start(ThreadPoolManager.builder("io")
			.maxSize(1)
			.queueCapacity(1)
			.rejectionPolicy(RejectionPolicy.DISCARD_OLDEST));
		pool.submit(null, this::block);
		awaitBusy(pool, 1);
		CompletableFuture<String> oldest = pool.submit(null, () -> "oldest");
		CompletableFuture<String> newest = pool.submit(null, () -> "newest");
		assertThat(oldest).isCancelled();
		this.release.countDown();
		assertThat(newest.get(WAIT, TimeUnit.SECONDS)).isEqualTo("newest");
		assertThat(pool.stats().rejected()).containsEntry(RejectionReason.SATURATED, 1L);
	}

	@Test
	void discardOldestPolicyWithoutQueueShouldCancelTheNewTask() {
		ThreadPoolManager pool = start(ThreadPoolManager.builder("io")
			.maxSize(1)
			.queueCapacity(0)
			.rejectionPolicy(RejectionPolicy.DISCARD_OLDEST));
		pool.submit(null, this::block);
		awaitBusy(pool, 1);
		assertThat(pool.submit(null, () -> 1)).isCancelled();
	}

	@Test
	void stopLetsQueuedTasksFinishAndRefusesNewOnes() throws Exception {
		ThreadPoolManager pool = start(ThreadPoolManager.builder("io").maxSize(1));
		CompletableFuture<Void> running = pool.submit(null, this::block);
		CompletableFuture<String> queued = pool.submit(null, () -> "queued ran");
		pool.stop();
		assertThat(pool.state()).isEqualTo(PoolState.STOPPING);
		assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> pool.submit(null, () -> 1))
			.withMessage("Pool 'io' is stopping and accepts no tasks");
		this.release.countDown();
		assertThat(queued.get(WAIT, TimeUnit.SECONDS)).isEqualTo("queued ran");
		assertThat(pool.awaitTermination(Duration.ofSeconds(WAIT))).isTrue();
		assertThat(running).isDone();
		assertThat(pool.state()).isEqualTo(PoolState.TERMINATED);
	}

	@Test
	void stopNowReturnsNeverStartedTasksWithCancelledFutures() throws Exception {
		ThreadPoolManager pool = start(ThreadPoolManager.builder("io").maxSize(1));
		CountDownLatch interrupted = new CountDownLatch(1);
		CompletableFuture<Void> running = pool.submit(null, () -> {
			try {
				Thread.sleep(TimeUnit.SECONDS.toMillis(WAIT));
			}
			catch (InterruptedException ex) {
				interrupted.countDown();
			}
		});
		awaitBusy(pool, 1);
		Runnable second = () -> {
		};
		CompletableFuture<Void> queued = pool.submit("io", second);
		List<PendingTask> pending = pool.stopNow();
		assertThat(pending).singleElement().satisfies((task) -> {
			assertThat(task.task()).isSameAs(second);
			assertThat(task.taskType()).isEqualTo("io");
			assertThat(task.future()).isSameAs(queued);
		});
		assertThat(queued).isCancelled();
		assertThat(interrupted.await(WAIT, TimeUnit.SECONDS)).isTrue();
		assertThat(pool.awaitTermination(Duration.ofSeconds(WAIT))).isTrue();
		assertThat(running).isDone();
	}

	@Test
	void closeWaitsForAcceptedTasksWithinAwaitPeriod() throws Exception {
		ThreadPoolManager pool = start(ThreadPoolManager.builder("io").maxSize(1));
		CompletableFuture<Integer> first = pool.submit(null, () -> {
			Thread.sleep(200);
			return 1;
		});
		CompletableFuture<Integer> second = pool.submit(null, () -> 2);
		pool.close();
		assertThat(pool.isTerminated()).isTrue();
		assertThat(first.get()).isEqualTo(1);
		assertThat(second.get()).isEqualTo(2);
	}

	@Test
	void closeAfterAwaitPeriodCancelsQueuedTasksSoNoFutureStaysPending() {
		ThreadPoolManager pool = start(
				ThreadPoolManager.builder("io").maxSize(1).awaitTerminationPeriod(Duration.ofMillis(100)));
		CompletableFuture<Void> running = pool.submit(null, this::block);
		CompletableFuture<Integer> queued = pool.submit(null, () -> 2);
		pool.close();
		assertThat(queued).isCancelled();
		// The blocked task was interrupted by the forced stop.
		await().atMost(Duration.ofSeconds(WAIT)).until(running::isDone);
	}

	@Test
	void closeWithoutAwaitTerminationStopsAtOnce() {
		ThreadPoolManager pool = start(ThreadPoolManager.builder("io").maxSize(1).awaitTermination(false));
		pool.submit(null, this::block);
		CompletableFuture<Integer> queued = pool.submit(null, () -> 2);
		pool.close();
		assertThat(queued).isCancelled();
	}

	@Test
	void startAfterStopIsRefused() {
		ThreadPoolManager pool = start(ThreadPoolManager.builder("io"));
		pool.close();
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(pool::start)
			.withMessageContaining("cannot be started: it is TERMINATED");
	}

	@Test
	void tryWithResourcesClosesThePool() throws Exception {
		ThreadPoolManager escaped;
		try (ThreadPoolManager pool = ThreadPoolManager.builder("plain").taskType("work").maxSize(2).build()) {
			pool.start();
			assertThat(pool.submit("work", () -> 6 * 7).get(WAIT, TimeUnit.SECONDS)).isEqualTo(42);
			escaped = pool;
		}
		assertThat(escaped.isTerminated()).isTrue();
	}

	@Test
	void threadsAreNamedAfterThePoolByDefaultOrByPrefix() throws Exception {
		ThreadPoolManager named = start(ThreadPoolManager.builder("reports").threadNamePrefix("rep-").daemon(true));
		assertThat(named.submit(null, () -> Thread.currentThread().getName()).get(WAIT, TimeUnit.SECONDS))
			.isEqualTo("rep-1");
		assertThat(named.submit(null, () -> Thread.currentThread().isDaemon()).get(WAIT, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void prestartStartsCoreThreadsWithThePool() {
		ThreadPoolManager pool = start(ThreadPoolManager.builder("io").maxSize(3).prestart(true));
		assertThat(pool.stats().workers()).isEqualTo(3);
	}

	@Test
	void prestartCountStartsAtMostCoreSizeThreads() {
		ThreadPoolManager pool = start(ThreadPoolManager.builder("io").coreSize(2).maxSize(4));
		assertThat(pool.prestart(1)).isEqualTo(1);
		assertThat(pool.prestart(5)).isEqualTo(1);
		assertThat(pool.stats().workers()).isEqualTo(2);
	}

	@Test
	void queuedTaskCompletedByItsCallerIsNeitherRunNorCounted() throws Exception {
		ThreadPoolManager pool = start(ThreadPoolManager.builder("io").maxSize(1).queueCapacity(5));
		AtomicInteger bodies = new AtomicInteger();
		CompletableFuture<Integer> blocker = pool.submit(null, () -> {
			block();
			return bodies.incrementAndGet();
		});
		awaitBusy(pool, 1);
		CompletableFuture<Integer> completedByCaller = pool.submit(null, bodies::incrementAndGet);
		CompletableFuture<Integer> failedByCaller = pool.submit(null, bodies::incrementAndGet);
		CompletableFuture<Integer> failing = pool.submit(null, () -> {
			bodies.incrementAndGet();
			throw new IllegalStateException("expected");
		});
		completedByCaller.complete(42);
		failedByCaller.completeExceptionally(new IllegalStateException("given up"));
		this.release.countDown();
		blocker.get(WAIT, TimeUnit.SECONDS);
		assertThat(failing).failsWithin(Duration.ofSeconds(WAIT));
		assertThat(pool.submit(null, bodies::incrementAndGet).get(WAIT, TimeUnit.SECONDS)).isEqualTo(3);
		PoolStats stats = pool.stats();
		assertThat(bodies).hasValue(3);
		assertThat(stats.completed()).as("the bodies that ran").isEqualTo(3);
		assertThat(stats.failed()).isEqualTo(1);
		assertThat(pool.counters().completed()).isEqualTo(3);
	}

	@Test
	void statsReportSizesQueueAndCounters() throws Exception {
		ThreadPoolManager pool = start(
				ThreadPoolManager.builder("io").taskType("io").coreSize(1).maxSize(2).queueCapacity(5));
		pool.submit("io", () -> 1).get(WAIT, TimeUnit.SECONDS);
		assertThat(pool.stats().completed()).as("counted before its future completes").isEqualTo(1);
		pool.submit("io", this::block);
		awaitBusy(pool, 1);
		pool.submit("io", () -> 2);
		PoolStats stats = pool.stats();
		assertThat(stats.name()).isEqualTo("io");
		assertThat(stats.taskType()).isEqualTo("io");
		assertThat(stats.state()).isEqualTo(PoolState.RUNNING);
		assertThat(stats.coreSize()).isEqualTo(1);
		assertThat(stats.maxSize()).isEqualTo(2);
		assertThat(stats.workers()).isEqualTo(1);
		assertThat(stats.busyWorkers()).isEqualTo(1);
		assertThat(stats.freeWorkers()).isZero();
		assertThat(stats.queued()).isEqualTo(1);
		assertThat(stats.queueCapacity()).isEqualTo(5);
		assertThat(stats.queueRemaining()).isEqualTo(4);
		assertThat(stats.completed()).isEqualTo(1);
		assertThat(stats.processes()).isNull();
	}

	@Test
	void resizeChangesSizesAndNotifiesListeners() {
		ThreadPoolManager pool = start(ThreadPoolManager.builder("io").maxSize(2));
		AtomicReference<PoolStats> after = new AtomicReference<>();
		pool.addListener(new PoolListener() {
			@Override
			public void resized(PoolManager resized, PoolStats before, PoolStats now) {
				after.set(now);
			}
		});
		pool.resize(4, 6);
		assertThat(after.get().coreSize()).isEqualTo(4);
		assertThat(after.get().maxSize()).isEqualTo(6);
		pool.resize(1, 1);
		assertThat(pool.stats().maxSize()).isEqualTo(1);
		assertThat(pool.stats().coreSize()).isEqualTo(1);
	}

	@Test
	void taskTimerReceivesQueueAndExecutionTimeOfEveryTask() throws Exception {
		ThreadPoolManager pool = start(ThreadPoolManager.builder("io").maxSize(1));
		List<long[]> timings = new ArrayList<>();
		pool.addTaskTimer((queued, execution) -> {
			synchronized (timings) {
				timings.add(new long[] { queued, execution });
			}
		});
		pool.submit(null, () -> {
			Thread.sleep(20);
			return null;
		}).get(WAIT, TimeUnit.SECONDS);
		await().untilAsserted(() -> {
			synchronized (timings) {
				assertThat(timings).singleElement()
					.satisfies((timing) -> assertThat(timing[1]).isGreaterThanOrEqualTo(
							TimeUnit.MILLISECONDS.toNanos(20)));
			}
		});
	}

	@Test
	void taskDecoratorRunsOnSubmittingThreadAndWrapsTheTask() throws Exception {
		ThreadLocal<String> context = new ThreadLocal<>();
		ThreadPoolManager pool = start(ThreadPoolManager.builder("io").taskDecorator((task) -> {
			String captured = context.get();
			return () -> {
				context.set(captured);
				try {
					task.run();
				}
				finally {
					context.remove();
				}
			};
		}));
		context.set("request-42");
		try {
			assertThat(pool.submit(null, context::get).get(WAIT, TimeUnit.SECONDS)).isEqualTo("request-42");
		}
		finally {
			context.remove();
		}
	}

	@Test
	void taskDecoratorThatDropsTheTaskStillCompletesTheFuture() {
		ThreadPoolManager pool = start(ThreadPoolManager.builder("io").taskDecorator((task) -> () -> {
		}));
		CompletableFuture<Integer> future = pool.submit(null, () -> 1);
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> future.get(WAIT, TimeUnit.SECONDS))
			.withMessageContaining("task decorator of pool 'io' returned without running the task");
	}

	@Test
	void initializerAndFinalizerRunOncePerThread() throws Exception {
		Set<String> initialized = ConcurrentHashMap.newKeySet();
		Set<String> finalized = ConcurrentHashMap.newKeySet();
		ThreadPoolManager pool = start(ThreadPoolManager.builder("io")
			.maxSize(2)
			.initializer(() -> initialized.add(Thread.currentThread().getName()))
			.finalizer(() -> finalized.add(Thread.currentThread().getName())));
		for (int i = 0; i < 10; i++) {
			pool.submit(null, () -> 1).get(WAIT, TimeUnit.SECONDS);
		}
		pool.close();
		assertThat(initialized).isNotEmpty().hasSizeLessThanOrEqualTo(2);
		assertThat(finalized).isEqualTo(initialized);
	}

	@Test
	void failingInitializerBreaksThePoolAndFailsItsTasks() {
		ThreadPoolManager pool = start(ThreadPoolManager.builder("io").maxSize(1).initializer(() -> {
			throw new IllegalStateException("no database");
		}));
		CompletableFuture<Integer> future = pool.submit(null, () -> 1);
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> future.get(WAIT, TimeUnit.SECONDS))
			.withCauseInstanceOf(io.github.pools.BrokenPoolException.class)
			.withMessageContaining("Pool 'io' is broken: no database");
		assertThat(pool.isBroken()).isTrue();
		assertThatExceptionOfType(io.github.pools.BrokenPoolException.class).isThrownBy(pool::check);
		assertThatExceptionOfType(io.github.pools.BrokenPoolException.class)
			.isThrownBy(() -> pool.submit(null, () -> 2));
		assertThat(pool.stats().rejected()).containsEntry(RejectionReason.BROKEN, 1L);
	}

	@Test
	void maxTasksPerWorkerReplacesThreadAfterItsLimit() throws Exception {
		AtomicInteger finalized = new AtomicInteger();
		ThreadPoolManager pool = start(ThreadPoolManager.builder("io")
			.maxSize(1)
			.maxTasksPerWorker(2)
			.finalizer(finalized::incrementAndGet));
		Set<String> threads = ConcurrentHashMap.newKeySet();
		for (int i = 0; i < 6; i++) {
			threads.add(pool.submit(null, () -> Thread.currentThread().getName()).get(WAIT, TimeUnit.SECONDS));
		}
		assertThat(threads).containsExactlyInAnyOrder("io-1", "io-2", "io-3");
		await().untilAsserted(() -> assertThat(finalized).hasValue(3));
		assertThat(pool.stats().completed()).isEqualTo(6);
	}

	@Test
	void checkOfRunningPoolPassesAndOfStoppedPoolThrows() {
		ThreadPoolManager pool = start(ThreadPoolManager.builder("io"));
		pool.check();
		pool.close();
		assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(pool::check)
			.withMessage("Pool 'io' has been stopped and accepts no tasks");
	}

	@Test
	void listenerSeesStateChangesAndRejections() {
		ThreadPoolManager pool = ThreadPoolManager.builder("io").taskType("io").build();
		this.pools.add(pool);
		List<String> events = new ArrayList<>();
		pool.addListener(new PoolListener() {
			@Override
			public void stateChanged(PoolManager changed, PoolState from, PoolState to) {
				events.add(from + "->" + to);
			}

			@Override
			public void taskRejected(PoolManager rejecting, RejectionReason reason) {
				events.add("rejected " + reason);
			}
		});
		pool.start();
		assertThatExceptionOfType(UnknownTaskTypeException.class).isThrownBy(() -> pool.submit("x", () -> 1));
		pool.close();
		assertThat(events).containsExactly("NEW->RUNNING", "rejected TASK_TYPE", "RUNNING->STOPPING",
				"STOPPING->TERMINATED");
	}

	@Test
	void cancelledFutureOfFinishedTaskStaysCompleted() throws Exception {
		ThreadPoolManager pool = start(ThreadPoolManager.builder("io"));
		CompletableFuture<Integer> future = pool.submit(null, () -> 1);
		assertThat(future.get(WAIT, TimeUnit.SECONDS)).isEqualTo(1);
		assertThat(future.cancel(true)).isFalse();
		assertThat(future).isNotCancelled();
	}

	@Test
	void executeReportsAFailureToTheThreadsHandlerAndTheThreadLivesOn() throws Exception {
		ThreadPoolManager pool = start(ThreadPoolManager.builder("io").maxSize(1));
		AtomicReference<Throwable> reported = new AtomicReference<>();
		pool.submit(null, () -> Thread.currentThread().setUncaughtExceptionHandler((t, ex) -> reported.set(ex)))
			.get(WAIT, TimeUnit.SECONDS);
		pool.execute(null, () -> {
			throw new IllegalStateException("fire and forget");
		});
		await().untilAsserted(() -> assertThat(reported.get()).hasMessage("fire and forget"));
		assertThat(pool.submit(null, () -> Thread.currentThread().getName()).get(WAIT, TimeUnit.SECONDS))
			.isEqualTo("io-1");
	}

	@Test
	void executeOfATaskTheDiscardPolicyDropsIsRefusedNotLost() {
		ThreadPoolManager pool = start(
				ThreadPoolManager.builder("io").maxSize(1).queueCapacity(0).rejectionPolicy(RejectionPolicy.DISCARD));
		pool.submit(null, this::block);
		awaitBusy(pool, 1);
		assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> pool.execute(null, () -> {
		})).withMessage("Pool 'io' is saturated and its rejection policy discarded the task");
		assertThat(pool.stats().rejected()).containsEntry(RejectionReason.SATURATED, 1L);
	}

	@Test
	void stopNowCancelsAFutureTaskHandedToExecuteSoItsWaiterIsReleased() {
		ThreadPoolManager pool = start(ThreadPoolManager.builder("io").maxSize(1));
		pool.submit(null, this::block);
		awaitBusy(pool, 1);
		java.util.concurrent.FutureTask<String> command = new java.util.concurrent.FutureTask<>(() -> "never");
		pool.execute(null, command);
		List<PendingTask> pending = pool.stopNow();
		assertThat(pending).singleElement().satisfies((task) -> assertThat(task.task()).isSameAs(command));
		assertThat(command).isCancelled();
	}

	@Test
	void stopNowOfABrokenPoolEndsIt() throws Exception {
		ThreadPoolManager pool = start(ThreadPoolManager.builder("io").maxSize(1).initializer(() -> {
			throw new IllegalStateException("no database");
		}));
		CompletableFuture<Integer> future = pool.submit(null, () -> 1);
		await().atMost(Duration.ofSeconds(WAIT)).until(pool::isBroken);
		assertThat(future).failsWithin(Duration.ofSeconds(WAIT));
		assertThat(pool.stopNow()).isEmpty();
		assertThat(pool.awaitTermination(Duration.ofSeconds(WAIT))).isTrue();
		assertThat(pool.state()).isEqualTo(PoolState.TERMINATED);
	}

	private static void awaitBusy(ThreadPoolManager pool, int busy) {
		await().atMost(Duration.ofSeconds(WAIT)).until(() -> pool.stats().busyWorkers() == busy);
	}

}
