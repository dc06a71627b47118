package io.github.pools.thread;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;

import io.github.pools.BatchOptions;
import io.github.pools.BrokenPoolException;
import io.github.pools.InvalidPoolSettingException;
import io.github.pools.PendingTask;
import io.github.pools.PoolBuilder;
import io.github.pools.PoolCounters;
import io.github.pools.PoolKind;
import io.github.pools.PoolListener;
import io.github.pools.PoolManager;
import io.github.pools.PoolState;
import io.github.pools.PoolStats;
import io.github.pools.RejectionReason;
import io.github.pools.TaskRejectedException;
import io.github.pools.TaskTimer;
import io.github.pools.internal.BatchCalls;
import io.github.pools.internal.Batches;
import io.github.pools.internal.ChunkPipeline;
import io.github.pools.internal.PoolControl;
import io.github.pools.internal.PoolEngine;
import io.github.pools.internal.PoolSettings;
import io.github.pools.internal.ResultOrder;
import io.github.pools.internal.SettingRules;
import org.jspecify.annotations.Nullable;

/**
 * A pool of threads in the application's JVM, optionally restricted to one task type.
 * Built on {@link ThreadPoolExecutor}, whose sizing and queuing rules it keeps.
 *
 * <h2>Sizing and queuing</h2>
 * A new task goes to a new thread while fewer than {@code coreSize} threads run, then to
 * the queue, and only when the queue is full to a new thread up to {@code maxSize}. The
 * default {@code coreSize} equals {@code maxSize}, a fixed-size pool, which avoids the
 * surprise of a pool that never grows past its core size until its queue is full. The
 * queue is bounded ({@value Builder#DEFAULT_QUEUE_CAPACITY} by default); a capacity of
 * zero hands each task directly to a thread. Idle threads above the core size end after
 * the keep-alive time, and core threads too when {@code allowCoreThreadTimeout} is set
 * (the default, as in Spring Boot).
 *
 * <h2>Rejection</h2>
 * A task of the wrong type is refused with {@link io.github.pools.UnknownTaskTypeException},
 * a task for a pool that is not running with {@link TaskRejectedException} (reason
 * {@code SHUTDOWN}). A task for a saturated pool (every thread busy, queue full) meets
 * the pool's {@link RejectionPolicy}. Every refusal is counted by reason.
 *
 * <h2>Futures</h2>
 * {@code submit} returns a {@link CompletableFuture}. {@code cancel(true)} interrupts
 * the task if it runs, and a cancelled queued task leaves the queue. Dependent stages
 * added with the non-async methods run on the pool thread that completes the task.
 *
 * <h2>Stopping</h2>
 * {@link #stop()} lets queued and running tasks finish; {@link #stopNow()} cancels the
 * queued ones and interrupts the running ones; {@link #close()} does the first, waits up
 * to the await-termination period, then does the second. {@link #executor(String)}
 * hands the pool to code that wants an {@link ExecutorService} without giving it the
 * power to stop the pool.
 *
 * <h2>Use without Spring</h2>
 * <pre class="code">
 * try (ThreadPoolManager io = ThreadPoolManager.builder("io").taskType("io").maxSize(4).build()) {
 *     io.start();
 *     String body = io.submit("io", () -&gt; fetch(url)).get();
 * }
 * </pre>
 */
public final class ThreadPoolManager implements PoolManager {

	private final PoolControl control;

	private final PoolExecutor executor;

	private final WorkerThreadFactory threadFactory;

	private final PoolEngine engine = new Engine();

	/** Set by the executor's termination hook, which runs before the last finalizer. */
	private volatile boolean executorTerminated;

	private final int queueCapacity;

	private final boolean prestart;

	private final @Nullable Function<Runnable, Runnable> taskDecorator;

	/**
	 * Task bodies that ran, successful or not: the executor's own count also holds tasks
	 * whose future was done before a thread took them (completed by their caller, or
	 * refused by a broken pool), whose bodies never ran.
	 */
	private final LongAdder completed = new LongAdder();

	private final LongAdder failed = new LongAdder();

	private final Object resizeMonitor = new Object();

	private ThreadPoolManager(Builder builder, PoolSettings settings) {
		this.control = new PoolControl(this, settings);
		this.queueCapacity = settings.queueCapacity();
		this.prestart = settings.prestart();
		this.taskDecorator = builder.taskDecorator;
		String prefix = (builder.threadNamePrefix != null) ? builder.threadNamePrefix : settings.name() + "-";
		this.threadFactory = new WorkerThreadFactory(this, prefix,
				ThreadKind.of(builder.virtualThreads, builder.daemon), builder.initializer, builder.finalizer);
		RejectionPolicy policy = builder.rejectionPolicy;
		RejectedExecutionHandler handler = (task, executor) -> rejectedByExecutor((TaskFuture<?>) task, policy,
				executor);
		this.executor = new PoolExecutor(this, settings.coreSize(), settings.maxSize(), builder.keepAlive,
				settings.queueCapacity(), this.threadFactory, handler, settings.maxTasksPerWorker());
		this.executor.allowCoreThreadTimeOut(builder.allowCoreThreadTimeout);
	}

	/**
	 * Start building a thread pool.
	 * @param name the pool name, unique in its registry
	 * @return a builder with every setting at its default
	 */
	public static Builder builder(String name) {
		return new Builder(name);
	}

	@Override
	public String name() {
		return this.control.name();
	}

	@Override
	public @Nullable String taskType() {
		return this.control.taskType();
	}

	@Override
	public PoolKind kind() {
		return PoolKind.THREAD;
	}

	/**
	 * Submit a task that returns a result.
	 * @param <T> the result type
	 * @param taskType the task's type, or {@code null} for an untyped task
	 * @param task the task
	 * @return a future completed with the task's result or exception
	 * @throws io.github.pools.UnknownTaskTypeException if the pool is typed and the type
	 * differs
	 * @throws TaskRejectedException if the pool is not running, or is saturated and its
	 * policy is {@link RejectionPolicy#ABORT abort}
	 */
	public <T> CompletableFuture<T> submit(@Nullable String taskType, Callable<T> task) {
		return submit(taskType, task, null);
	}

	<T> TaskFuture<T> submit(@Nullable String taskType, Callable<T> task, @Nullable TaskTypeExecutorService view) {
		Objects.requireNonNull(task, "task must not be null");
		this.control.checkAccepting(taskType);
		return dispatch(TaskFuture.of(this, taskType, task, TaskFuture.Mode.CALLABLE, this.taskDecorator,
				this.control.taskTimer(), view));
	}

	/**
	 * Submit a task that returns no result.
	 * @param taskType the task's type, or {@code null} for an untyped task
	 * @param task the task
	 * @return a future completed with {@code null} or the task's exception
	 * @throws io.github.pools.UnknownTaskTypeException if the pool is typed and the type
	 * differs
	 * @throws TaskRejectedException if the pool is not running, or is saturated and its
	 * policy is {@link RejectionPolicy#ABORT abort}
	 */
	public CompletableFuture<Void> submit(@Nullable String taskType, Runnable task) {
		return submit(taskType, task, null);
	}

	TaskFuture<Void> submit(@Nullable String taskType, Runnable task, @Nullable TaskTypeExecutorService view) {
		Objects.requireNonNull(task, "task must not be null");
		this.control.checkAccepting(taskType);
		return dispatch(TaskFuture.<Void>of(this, taskType, task, TaskFuture.Mode.RUNNABLE, this.taskDecorator,
				this.control.taskTimer(), view));
	}

	/**
	 * Run a task without handing out a future, with the semantics of
	 * {@link java.util.concurrent.Executor#execute(Runnable)}: a task that throws is
	 * reported to its thread's uncaught exception handler (the thread lives on), and a
	 * task the pool's rejection policy discards is refused with
	 * {@link TaskRejectedException} instead of being dropped silently. If the task itself
	 * is a {@link java.util.concurrent.Future} (a {@code FutureTask}, say) and it is
	 * cancelled before it starts (by {@code discard-oldest} or {@link #stopNow()}), it is
	 * cancelled too, so that nobody waits on it forever.
	 * @param taskType the task's type, or {@code null} for an untyped task
	 * @param task the task
	 * @throws io.github.pools.UnknownTaskTypeException if the pool is typed and the type
	 * differs
	 * @throws TaskRejectedException if the pool is not running, or is saturated and its
	 * policy is {@link RejectionPolicy#ABORT abort} or {@link RejectionPolicy#DISCARD
	 * discard}
	 */
	public void execute(@Nullable String taskType, Runnable task) {
		executed(taskType, task, null);
	}

	TaskFuture<Void> executed(@Nullable String taskType, Runnable task, @Nullable TaskTypeExecutorService view) {
		Objects.requireNonNull(task, "task must not be null");
		this.control.checkAccepting(taskType);
		TaskFuture<Void> future = dispatch(TaskFuture.of(this, taskType, task, TaskFuture.Mode.EXECUTED,
				this.taskDecorator, this.control.taskTimer(), view));
		if (future.isCancelled()) {
			// Already counted as saturated by the policy; refused rather than lost silently.
			throw new TaskRejectedException(name(), RejectionReason.SATURATED,
					"Pool '" + name() + "' is saturated and its rejection policy discarded the task");
		}
		return future;
	}

	private <T> TaskFuture<T> dispatch(TaskFuture<T> task) {
		TaskTypeExecutorService view = task.view();
		if (view == null) {
			this.executor.execute(task);
			return task;
		}
		// Tracked before it can run, so that its end always finds it tracked.
		view.track(task);
		try {
			this.executor.execute(task);
		}
		catch (RuntimeException | Error ex) {
			view.bodyEnded(task); // refused: it never runs
			throw ex;
		}
		return task;
	}

	/**
	 * Return an {@link ExecutorService} that submits every task to this pool with the
	 * given task type, for code that expects an executor: {@code submit},
	 * {@code invokeAll}, {@code invokeAny} and {@code execute} behave as the JDK's
	 * executors do, and the task-type check still applies to each task.
	 * <p>
	 * The view's {@code shutdown} and {@code shutdownNow} affect only the view and the
	 * tasks submitted through it: the view refuses further tasks, and
	 * {@code shutdownNow} cancels its queued tasks and interrupts its running ones. The
	 * pool, which other code may share, keeps running. A task given to
	 * {@code execute} that throws is reported to its thread's uncaught exception handler,
	 * as with {@link ThreadPoolExecutor}.
	 * @param taskType the type of every task submitted through the view, or {@code null}
	 * @return a new view
	 * @throws io.github.pools.UnknownTaskTypeException if this pool does not accept the
	 * type, so that a wrong view fails where it is made
	 */
	public ExecutorService executor(@Nullable String taskType) {
		if (!accepts(taskType)) {
			throw this.control.taskTypeRefusal(taskType);
		}
		return new TaskTypeExecutorService(this, taskType);
	}

	// ---- batch calls: the seeds' apply, map, imap, imap_unordered and starmap

	/**
	 * Submit a task and wait for it, returning its result or rethrowing its own exception
	 * (multiprocessing's {@code apply}, asyncpal's {@code run}). If the waiting thread is
	 * interrupted, the task is cancelled and interrupted.
	 * @param <T> the result type
	 * @param taskType the task's type, or {@code null} for an untyped task
	 * @param task the task
	 * @return the task's result
	 * @throws Exception the task's exception, {@link InterruptedException}, or a refusal
	 */
	public <T> T run(@Nullable String taskType, Callable<T> task) throws Exception {
		return BatchCalls.await(submit(taskType, task));
	}

	/**
	 * Apply a function to every item in the pool and return the results in input order
	 * (multiprocessing's {@code map}), one item per task; see
	 * {@link #map(String, Function, Iterable, BatchOptions)}.
	 * @param <T> the item type
	 * @param <R> the result type
	 * @param taskType the type of every task, or {@code null}
	 * @param function the function
	 * @param items the items
	 * @return the results, in input order
	 * @throws RuntimeException the exception of the first failed item, in input order
	 */
	public <T, R> List<R> map(@Nullable String taskType, Function<? super T, ? extends R> function,
			Iterable<? extends T> items) {
		return map(taskType, function, items, BatchOptions.defaults());
	}

	/**
	 * Apply a function to every item in the pool and return the results in input order
	 * (multiprocessing's {@code map} with a {@code chunksize}). Items are sent in chunks,
	 * at most a buffer's worth ahead; the first failed item (in input order) cancels the
	 * chunks not yet started and its exception is thrown.
	 * @param <T> the item type
	 * @param <R> the result type
	 * @param taskType the type of every task, or {@code null}
	 * @param function the function
	 * @param items the items
	 * @param options chunk size, buffer size and timeout
	 * @return the results, in input order
	 * @throws RuntimeException the exception of the first failed item; or
	 * {@link io.github.pools.BatchTimeoutException}; or a refusal of the first chunk
	 */
	public <T, R> List<R> map(@Nullable String taskType, Function<? super T, ? extends R> function,
			Iterable<? extends T> items, BatchOptions options) {
		return this.<R>batch(taskType, function, items, options, ResultOrder.INPUT).toList();
	}

	/**
	 * Apply a function to every item lazily and stream the results in input order
	 * (multiprocessing's {@code imap}). Items are pulled and submitted only a buffer's
	 * worth ahead of the consumer, so the input may be endless. A failed item throws when
	 * it is consumed; later items can still be consumed. Closing the stream cancels the
	 * chunks not yet started: use try-with-resources when you may stop early.
	 * @param <T> the item type
	 * @param <R> the result type
	 * @param taskType the type of every task, or {@code null}
	 * @param function the function
	 * @param items the items
	 * @param options chunk size, buffer size and timeout
	 * @return a lazy, ordered stream of results
	 */
	public <T, R> Stream<R> mapLazily(@Nullable String taskType, Function<? super T, ? extends R> function,
			Iterable<? extends T> items, BatchOptions options) {
		return this.<R>batch(taskType, function, items, options, ResultOrder.INPUT).stream();
	}

	/**
	 * Apply a function to every item lazily and stream the results as they complete
	 * (multiprocessing's {@code imap_unordered}); within a chunk, results keep their
	 * order. Otherwise as {@link #mapLazily(String, Function, Iterable, BatchOptions)}.
	 * @param <T> the item type
	 * @param <R> the result type
	 * @param taskType the type of every task, or {@code null}
	 * @param function the function
	 * @param items the items
	 * @param options chunk size, buffer size and timeout
	 * @return a lazy stream of results in completion order
	 */
	public <T, R> Stream<R> mapAsCompleted(@Nullable String taskType, Function<? super T, ? extends R> function,
			Iterable<? extends T> items, BatchOptions options) {
		return this.<R>batch(taskType, function, items, options, ResultOrder.COMPLETION).stream();
	}

	/**
	 * Apply a two-argument function to every pair and return the results in input order
	 * (multiprocessing's {@code starmap}). For more arguments, map over a record.
	 * @param <A> the first argument type
	 * @param <B> the second argument type
	 * @param <R> the result type
	 * @param taskType the type of every task, or {@code null}
	 * @param function the function
	 * @param pairs the argument pairs, for example {@code Map.entry(a, b)}
	 * @param options chunk size, buffer size and timeout
	 * @return the results, in input order
	 */
	@SuppressWarnings("unchecked")
	public <A, B, R> List<R> starmap(@Nullable String taskType, BiFunction<? super A, ? super B, ? extends R> function,
			Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs, BatchOptions options) {
		Objects.requireNonNull(function, "function must not be null");
		Function<Object[], R> spread = (pair) -> function.apply((A) pair[0], (B) pair[1]);
		return this.<R>batch(taskType, spread, BatchCalls.spread(pairs), options, ResultOrder.INPUT).toList();
	}

	@SuppressWarnings("unchecked")
	private <R> ChunkPipeline<R> batch(@Nullable String taskType, Function<?, ?> function, Iterable<?> items,
			BatchOptions options, ResultOrder order) {
		Objects.requireNonNull(function, "function must not be null");
		Function<Object, Object> each = (Function<Object, Object>) function;
		return BatchCalls.start(this, taskType, items, options, order,
				(chunk) -> submit(taskType, () -> Batches.applyLocally(each, chunk)));
	}

	// ---- life cycle, delegated to the shared control

	@Override
	public void start() {
		this.control.start(this.engine);
	}

	@Override
	public PoolState state() {
		return this.control.state();
	}

	@Override
	public void check() {
		this.control.check();
	}

	@Override
	public void stop() {
		this.control.stop(this.engine);
	}

	@Override
	public List<PendingTask> stopNow() {
		return this.control.stopNow(this.engine);
	}

	@Override
	public boolean awaitTermination(Duration timeout) throws InterruptedException {
		return this.control.awaitTermination(timeout);
	}

	@Override
	public boolean isTerminated() {
		return this.control.isTerminated();
	}

	@Override
	public void close() {
		this.control.close(this.engine);
	}

	/**
	 * Return how long {@link #close()} waits for accepted tasks before it stops at once.
	 * @return the await-termination period, {@link Duration#ZERO} for none
	 */
	public Duration awaitTerminationPeriod() {
		return this.control.awaitTerminationPeriod();
	}

	@Override
	public void addListener(PoolListener listener) {
		this.control.addListener(listener);
	}

	@Override
	public void removeListener(PoolListener listener) {
		this.control.removeListener(listener);
	}

	@Override
	public void addTaskTimer(TaskTimer timer) {
		this.control.addTaskTimer(timer);
	}

	@Override
	public void removeTaskTimer(TaskTimer timer) {
		this.control.removeTaskTimer(timer);
	}

	/**
	 * Start idle threads ahead of demand, up to the core size (asyncpal's
	 * {@code spawn_workers}; {@code prestart(Integer.MAX_VALUE)} is its
	 * {@code spawn_max_workers}).
	 * @param count how many threads to start at most
	 * @return how many threads were started
	 */
	@Override
	public int prestart(int count) {
		int started = 0;
		while (started < count && this.executor.prestartCoreThread()) {
			started++;
		}
		return started;
	}

	@Override
	public PoolStats stats() {
		PoolExecutor executor = this.executor;
		return new PoolStats(name(), PoolKind.THREAD, state(), taskType(), executor.getCorePoolSize(),
				executor.getMaximumPoolSize(), executor.getPoolSize(), executor.getActiveCount(),
				executor.getQueue().size(), this.queueCapacity, this.completed.sum(), this.failed.sum(),
				this.control.rejections(), null);
	}

	/**
	 * Return the pool's counters, each read on its own: the executor's sizes and counts
	 * one getter at a time, as Micrometer's {@code ExecutorServiceMetrics} reads them.
	 * @return the counters
	 */
	@Override
	public PoolCounters counters() {
		return this.counters;
	}

	private final PoolCounters counters = new PoolCounters() {

		@Override
		public int coreSize() {
			return ThreadPoolManager.this.executor.getCorePoolSize();
		}

		@Override
		public int maxSize() {
			return ThreadPoolManager.this.executor.getMaximumPoolSize();
		}

		@Override
		public int workers() {
			return ThreadPoolManager.this.executor.getPoolSize();
		}

		@Override
		public int busyWorkers() {
			return ThreadPoolManager.this.executor.getActiveCount();
		}

		@Override
		public int queued() {
			return ThreadPoolManager.this.executor.getQueue().size();
		}

		@Override
		public int queueCapacity() {
			return ThreadPoolManager.this.queueCapacity;
		}

		@Override
		public long completed() {
			return ThreadPoolManager.this.completed.sum();
		}

		@Override
		public long failed() {
			return ThreadPoolManager.this.failed.sum();
		}

		@Override
		public long rejected(RejectionReason reason) {
			return ThreadPoolManager.this.control.rejected(reason);
		}

	};

	@Override
	public void resize(int coreSize, int maxSize) {
		SettingRules.sizes(name(), coreSize, maxSize);
		synchronized (this.resizeMonitor) {
			PoolStats before = stats();
			// ThreadPoolExecutor refuses a core size above the current maximum at every step.
			if (maxSize >= this.executor.getMaximumPoolSize()) {
				this.executor.setMaximumPoolSize(maxSize);
				this.executor.setCorePoolSize(coreSize);
			}
			else {
				this.executor.setCorePoolSize(coreSize);
				this.executor.setMaximumPoolSize(maxSize);
			}
			PoolStats after = stats();
			this.control.notifyListeners((listener) -> listener.resized(this, before, after));
		}
	}

	@Override
	public String toString() {
		return this.control.toString();
	}

	/**
	 * The executor as the shared control starts and stops it.
	 */
	private final class Engine implements PoolEngine {

		@Override
		public void start() {
			if (ThreadPoolManager.this.prestart) {
				ThreadPoolManager.this.executor.prestartAllCoreThreads();
			}
		}

		@Override
		public void stop() {
			ThreadPoolManager.this.executor.shutdown();
		}

		@Override
		public List<PendingTask> stopNow() {
			List<Runnable> drained = ThreadPoolManager.this.executor.shutdownNow();
			List<PendingTask> pending = new ArrayList<>(drained.size());
			for (Runnable runnable : drained) {
				TaskFuture<?> task = (TaskFuture<?>) runnable;
				task.discard();
				pending.add(task.toPendingTask());
			}
			return pending;
		}

	}

	// ---- callbacks from the executor, its threads and the tasks

	void executorTerminated() {
		this.executorTerminated = true;
		terminateIfIdle();
	}

	void workerThreadsEnded() {
		terminateIfIdle();
	}

	/** The pool has terminated once the executor has and every finalizer has run. */
	private void terminateIfIdle() {
		if (this.executorTerminated && this.threadFactory.alive() == 0) {
			this.control.terminated();
		}
	}

	void taskRan() {
		this.completed.increment();
	}

	void taskFailed() {
		this.failed.increment();
	}

	boolean removeQueued(TaskFuture<?> task) {
		return this.executor.remove(task);
	}

	void initializerFailed(Throwable failure) {
		if (this.control.markBroken(failure)) {
			BrokenPoolException broken = this.control.brokenException();
			for (Runnable queued : this.executor.shutdownNow()) {
				((TaskFuture<?>) queued).refuse(broken);
			}
		}
	}

	BrokenPoolException brokenFailure() {
		return this.control.brokenException();
	}

	TaskRejectedException saturated(RejectionPolicy policy) {
		return this.control.saturated(this.executor.getActiveCount() + " of " + this.executor.getMaximumPoolSize()
				+ " threads busy and the queue of " + this.queueCapacity + " is full (rejection policy " + policy
				+ ")");
	}

	void countSaturated() {
		this.control.countRejection(RejectionReason.SATURATED);
	}

	private void rejectedByExecutor(TaskFuture<?> task, RejectionPolicy policy, ThreadPoolExecutor executor) {
		if (executor.isShutdown()) {
			// Stopped or broken between the state check and the hand-off.
			throw this.control.stateRefusal();
		}
		policy.rejected(task, this, executor);
	}

	/**
	 * Builds a {@link ThreadPoolManager}. Every setting has a default; {@link #build()}
	 * validates them all and names the first one that breaks a rule.
	 */
	public static final class Builder extends PoolBuilder<Builder, ThreadPoolManager> {

		/** Default maximum number of threads. */
		public static final int DEFAULT_MAX_SIZE = 8;

		private Duration keepAlive = Duration.ofSeconds(60);

		private boolean allowCoreThreadTimeout = true;

		private @Nullable String threadNamePrefix;

		private boolean daemon;

		private RejectionPolicy rejectionPolicy = RejectionPolicy.ABORT;

		private boolean virtualThreads;

		private @Nullable Function<Runnable, Runnable> taskDecorator;

		private @Nullable Runnable initializer;

		private @Nullable Runnable finalizer;

		private Builder(String name) {
			// A queue capacity of 0 hands each task directly to a thread.
			super(name, DEFAULT_MAX_SIZE, 0);
		}

		/**
		 * Set how long an idle thread above the core size lives; 60 seconds by default.
		 * @param keepAlive the keep-alive time
		 * @return this builder
		 */
		public Builder keepAlive(Duration keepAlive) {
			this.keepAlive = keepAlive;
			return this;
		}

		/**
		 * Set whether core threads also end after the keep-alive time; {@code true} by
		 * default, as in Spring Boot.
		 * @param allowCoreThreadTimeout whether core threads may time out
		 * @return this builder
		 */
		public Builder allowCoreThreadTimeout(boolean allowCoreThreadTimeout) {
			this.allowCoreThreadTimeout = allowCoreThreadTimeout;
			return this;
		}

		/**
		 * Set the prefix of thread names; by default the pool name and a hyphen.
		 * @param threadNamePrefix the prefix, or {@code null} for the default
		 * @return this builder
		 */
		public Builder threadNamePrefix(@Nullable String threadNamePrefix) {
			this.threadNamePrefix = threadNamePrefix;
			return this;
		}

		/**
		 * Set whether platform threads are daemon threads, which do not keep the JVM
		 * alive; {@code false} by default. Virtual threads are always daemon threads.
		 * @param daemon whether threads are daemon threads
		 * @return this builder
		 */
		public Builder daemon(boolean daemon) {
			this.daemon = daemon;
			return this;
		}

		/**
		 * Set what happens to a task when the pool is saturated; {@code ABORT} by default.
		 * @param rejectionPolicy the policy
		 * @return this builder
		 */
		public Builder rejectionPolicy(RejectionPolicy rejectionPolicy) {
			this.rejectionPolicy = Objects.requireNonNull(rejectionPolicy, "rejectionPolicy must not be null");
			return this;
		}

		/**
		 * Set whether the pool runs virtual threads instead of platform threads; needs
		 * Java 21 or later. Concurrency stays bounded by the maximum size.
		 * @param virtualThreads whether to use virtual threads
		 * @return this builder
		 */
		public Builder virtualThreads(boolean virtualThreads) {
			this.virtualThreads = virtualThreads;
			return this;
		}

		/**
		 * Set a decorator applied to every task on the submitting thread, for example to
		 * carry MDC, security or tracing context to the pool thread.
		 * @param taskDecorator the decorator, or {@code null} for none
		 * @return this builder
		 */
		public Builder taskDecorator(@Nullable Function<Runnable, Runnable> taskDecorator) {
			this.taskDecorator = taskDecorator;
			return this;
		}

		/**
		 * Set code that runs once on every new thread before its first task. If it throws,
		 * the pool is broken: queued tasks fail and later submits are refused with
		 * {@link BrokenPoolException}.
		 * @param initializer the initializer, or {@code null} for none
		 * @return this builder
		 */
		public Builder initializer(@Nullable Runnable initializer) {
			this.initializer = initializer;
			return this;
		}

		/**
		 * Set code that runs once on every thread when it ends (if its initializer
		 * succeeded). A failure is logged.
		 * @param finalizer the finalizer, or {@code null} for none
		 * @return this builder
		 */
		public Builder finalizer(@Nullable Runnable finalizer) {
			this.finalizer = finalizer;
			return this;
		}

		@Override
		protected void validateSettings() {
			SettingRules.positive(name(), "keep-alive", this.keepAlive);
			if (this.threadNamePrefix != null && this.threadNamePrefix.isBlank()) {
				throw new InvalidPoolSettingException(name(), "thread-name-prefix", "'" + this.threadNamePrefix + "'",
						"must not be blank");
			}
			if (this.virtualThreads && !VirtualThreads.isSupported()) {
				throw new InvalidPoolSettingException(name(), "virtual-threads", true,
						"is not possible: " + VirtualThreads.unsupportedMessage());
			}
		}

		/**
		 * Validate the settings and build the pool, not yet started.
		 * @return the pool, in state {@link io.github.pools.PoolState#NEW NEW}
		 * @throws InvalidPoolSettingException for the first setting that breaks a rule
		 */
		@Override
		public ThreadPoolManager build() {
			validate();
			return new ThreadPoolManager(this, settings());
		}

	}

}
