package io.github.pools.process;

import java.io.IOException;
import java.io.NotSerializableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import io.github.pools.BatchOptions;
import io.github.pools.BrokenPoolException;
import io.github.pools.InvalidPoolSettingException;
import io.github.pools.PendingTask;
import io.github.pools.PoolKind;
import io.github.pools.PoolStats;
import io.github.pools.RejectionReason;
import io.github.pools.SerializableBiFunction;
import io.github.pools.SerializableCallable;
import io.github.pools.SerializableFunction;
import io.github.pools.SerializableRunnable;
import io.github.pools.TaskRejectedException;
import io.github.pools.TaskSerializationException;
import io.github.pools.WorkerExitReason;
import io.github.pools.process.channel.FrameBuffer;
import io.github.pools.process.channel.FrameType;
import io.github.pools.process.channel.ObjectCodec;
import io.github.pools.process.channel.ObjectFilters;
import io.github.pools.support.AbstractPoolManager;
import io.github.pools.support.Batches;
import io.github.pools.support.ChunkPipeline;
import io.github.pools.support.SettingRules;
import org.jspecify.annotations.Nullable;

/**
 * A pool of worker JVMs that run tasks in isolation, optionally restricted to one task
 * type. A crash, a leak, a native fault, a runaway loop or an out-of-memory error stays
 * in its worker, and a task that outlives its timeout is really stopped: its JVM is
 * killed.
 *
 * <h2>Workers</h2>
 * A worker is a long-lived JVM, started by the pool and reused for many tasks, one task
 * at a time. Workers start on demand, when a task waits and no worker is idle, up to
 * {@code maxSize}; with {@code prestart} the core workers start with the pool, in the
 * background ({@link #start()} never waits for a JVM). Workers above {@code coreSize}
 * exit after {@code idleTimeout} without work; by default {@code coreSize} equals
 * {@code maxSize}, so started workers stay. A worker that ran
 * {@code maxTasksPerWorker} tasks is replaced by a fresh one.
 *
 * <h2>Queuing and rejection</h2>
 * A task goes to an idle worker at once, written to it on the submitting thread, or
 * waits in a bounded queue ({@value Builder#DEFAULT_QUEUE_CAPACITY} by default). A full
 * queue refuses the task with {@link TaskRejectedException} (reason
 * {@code SATURATED}); there are no rejection policies, because running the task on the
 * caller's thread would defeat the isolation. A task of the wrong type is refused with
 * {@link io.github.pools.UnknownTaskTypeException}. Refusals are counted by reason.
 *
 * <h2>Launch</h2>
 * A worker runs {@code ${java.home}/bin/java} (see {@link Builder#javaExecutable(Path)})
 * with the pool's own {@code jvmArgs}, never the application's, and the application's
 * class path made absolute (see {@link Builder#classpath(String)}). Inside an
 * executable Spring Boot jar it starts through Boot's {@code PropertiesLauncher}, so it
 * sees the same classes. The variables {@code JAVA_TOOL_OPTIONS},
 * {@code JDK_JAVA_OPTIONS} and {@code _JAVA_OPTIONS} are removed from the environment it
 * inherits, since the JVM would apply the application's flags from them (a debugger
 * port, an agent); set them with {@link Builder#environment(Map)} if a worker needs them.
 *
 * <h2>Channel and serialization</h2>
 * Each worker has a private channel over its standard input and output, with binary,
 * length-prefixed frames; no port is opened. A worker's own output, {@code System.out}
 * included, goes to its standard error, which the pool logs line by line at
 * {@code INFO} through the {@link System.Logger} {@code io.github.pools.process.WorkerOutput},
 * prefixed {@code [pool#id]}. Bytes on the channel that are not a valid frame kill the
 * worker (exit reason {@code PROTOCOL_ERROR}).
 * <p>
 * A task is serialized at submit, on the caller's thread: a task that cannot be
 * serialized is refused there with {@link TaskSerializationException}, and later
 * changes to objects it captured are not seen. Tasks and results are deserialized
 * through an allow-list in both directions (see {@link Builder#allowedClasses(List)}),
 * so a worker that ran bad input cannot attack the application with its result.
 * Exceptions come back as data and become {@link io.github.pools.RemoteTaskException}s.
 *
 * <h2>Failures</h2>
 * <ul>
 * <li>A worker that dies while running a task (killed, {@code System.exit}, out of
 * memory, native crash) fails that task only, with
 * {@link io.github.pools.WorkerCrashedException} holding its exit code and the last
 * lines of its standard error; the next task gets a new worker.</li>
 * <li>A task that runs longer than {@code taskTimeout} fails with
 * {@link io.github.pools.TaskTimeoutException}; its worker is killed at once.</li>
 * <li>{@code cancel(true)} on a running task kills its worker; {@code cancel(false)}
 * lets it finish and drops the result; cancelling a queued task removes it.
 * {@code orTimeout} and {@code completeOnTimeout} complete the future but leave the task
 * running: use {@code taskTimeout} or {@code cancel(true)} to stop it.</li>
 * <li>A worker that cannot start (bad {@code jvmArgs}, missing class, an initializer
 * that throws, not ready within {@code startTimeout}) is logged with its standard error
 * and counted. After three failures in a row the pool is
 * {@linkplain io.github.pools.PoolState#BROKEN broken}: queued tasks fail and later
 * submits are refused with {@link BrokenPoolException}.</li>
 * </ul>
 * A worker that was killed or broke the channel is never reused. Every future handed
 * out completes: with a result, an exception or a cancellation.
 *
 * <h2>Stopping</h2>
 * {@link #stop()} refuses new tasks and lets queued and running ones finish; then each
 * worker runs its finalizer and exits. {@link #stopNow()} cancels queued tasks, and
 * kills every worker (running tasks are cancelled, finalizers do not run).
 * {@link #close()} stops, waits up to the await-termination period, then stops at once.
 * A worker told to stop that is still alive after {@code startTimeout} (its finalizer
 * hangs) is killed.
 * A worker also exits when its standard input closes, even in the middle of a task, so
 * an application that dies, even by {@code kill -9}, leaves no worker behind. The pool's
 * own threads are daemon threads; unless the pool is built as a {@code daemon} pool or
 * without a {@linkplain Builder#shutdownHook(boolean) shutdown hook}, a JVM shutdown hook
 * closes it gracefully if the application exits without closing it.
 *
 * <h2>Threads</h2>
 * Each worker has one thread in the application that reads its answers, and one that
 * logs its standard error; the pool has one supervisor thread for timeouts. Dependent
 * stages added to a future with the non-async methods run on the thread of the worker
 * that answered: keep them short, or use the {@code ...Async} variants.
 *
 * <h2>Use without Spring</h2>
 * <pre class="code">
 * try (ProcessPoolManager render = ProcessPoolManager.builder("render")
 *         .taskType("render").maxSize(2).taskTimeout(Duration.ofSeconds(30))
 *         .allowedClasses(List.of("com.example.**")).build()) {
 *     render.start();
 *     byte[] png = render.submit("render", () -&gt; Renderer.render(page)).get(1, TimeUnit.MINUTES);
 * }
 * </pre>
 */
public final class ProcessPoolManager extends AbstractPoolManager {

	/** How long {@link #close()} waits for killed workers to be gone. */
	private static final Duration KILLED_WORKERS_WAIT = Duration.ofSeconds(10);

	private final PoolConfig config;

	private final WorkerPool workers;

	private final Object resizeMonitor = new Object();

	/** Set once in {@link #doStart()}, cleared on termination. */
	private volatile @Nullable Thread shutdownHook;

	private ProcessPoolManager(Builder builder, PoolConfig config) {
		super(builder.name, builder.taskType, builder.awaitTermination ? builder.awaitTerminationPeriod : Duration.ZERO);
		this.config = config;
		this.workers = new WorkerPool(this, config, builder.coreSize(), builder.maxSize);
	}

	/**
	 * Start building a process pool.
	 * @param name the pool name, unique in its registry
	 * @return a builder with every setting at its default
	 */
	public static Builder builder(String name) {
		return new Builder(name);
	}

	@Override
	public PoolKind kind() {
		return PoolKind.PROCESS;
	}

	/**
	 * Submit a task to run in a worker JVM. The task is serialized now, on this thread;
	 * the classes of the task, of what it captures and of its result must be on the
	 * worker's class path and in the pool's allow-list.
	 * @param <T> the result type
	 * @param taskType the task's type, or {@code null} for an untyped task
	 * @param task the task, for example a lambda
	 * @return a future completed with the task's result, or with a
	 * {@link io.github.pools.RemoteTaskException} (the task threw),
	 * {@link io.github.pools.WorkerCrashedException},
	 * {@link io.github.pools.TaskTimeoutException}, {@link TaskSerializationException}
	 * (the result could not cross) or {@link BrokenPoolException}
	 * @throws io.github.pools.UnknownTaskTypeException if the pool is typed and the type
	 * differs
	 * @throws TaskSerializationException if the task cannot be serialized or is larger
	 * than {@code maxMessageSize}; nothing is queued
	 * @throws TaskRejectedException if the pool is not running or its queue is full
	 * @throws BrokenPoolException if the pool is broken
	 */
	public <T> CompletableFuture<T> submit(@Nullable String taskType, SerializableCallable<T> task) {
		Objects.requireNonNull(task, "task must not be null");
		return submit(taskType, task, loaderOf(task));
	}

	/**
	 * Submit a task whose result is read with a given class loader.
	 * @param resultLoader the loader of the user's code: the task's, or the function's
	 * for a batch call, whose tasks are lambdas of this class
	 */
	private <T> CompletableFuture<T> submit(@Nullable String taskType, SerializableCallable<T> task,
			ClassLoader resultLoader) {
		checkAccepting(taskType);
		ProcessTask<T> future = new ProcessTask<>(this.workers, taskType, task, serialize(task), resultLoader,
				taskTimer());
		RejectionReason refused = this.workers.dispatch(future);
		if (refused == RejectionReason.SATURATED) {
			throw rejected(new TaskRejectedException(name(), RejectionReason.SATURATED,
					"Pool '" + name() + "' is saturated: its " + this.workers.maxSize()
							+ " worker(s) are busy and its queue of " + this.config.queueCapacity() + " is full"));
		}
		if (refused != null) {
			try {
				check(); // stopped or broken since checkAccepting: throws the matching exception
			}
			catch (TaskRejectedException ex) {
				throw rejected(ex);
			}
		}
		return future;
	}

	private static ClassLoader loaderOf(Object code) {
		ClassLoader loader = code.getClass().getClassLoader();
		return (loader != null) ? loader : ClassLoader.getSystemClassLoader();
	}

	private FrameBuffer serialize(SerializableCallable<?> task) {
		return serialize(task, this.config.maxMessageSize(), (problem, cause) -> {
			String message = "Task for pool '" + name() + "' " + problem;
			return (cause != null) ? new TaskSerializationException(message, cause)
					: new TaskSerializationException(message);
		}).finish(FrameType.TASK);
	}

	/**
	 * Serialize what crosses to a worker (a task, an initializer, a finalizer) as the
	 * payload of a frame, within max-message-size.
	 * @param value the object
	 * @param maxMessageSize the largest payload allowed
	 * @param failure makes the exception to throw from what is wrong, which completes
	 * "the task ..." (for example "could not be serialized: ..."), and its cause
	 * @return the buffer holding the payload, not yet finished as a frame
	 */
	private static FrameBuffer serialize(Object value, long maxMessageSize,
			BiFunction<String, @Nullable Throwable, RuntimeException> failure) {
		FrameBuffer buffer = new FrameBuffer(512);
		try {
			ObjectCodec.write(buffer, value);
		}
		catch (NotSerializableException ex) {
			throw failure.apply("cannot be sent to a worker: " + ObjectCodec.describe(ex), ex);
		}
		catch (IOException | RuntimeException ex) {
			throw failure.apply("could not be serialized: " + ex, ex);
		}
		if (buffer.payloadSize() > maxMessageSize) {
			throw failure.apply("is " + buffer.payloadSize() + " bytes serialized, more than max-message-size ("
					+ maxMessageSize + " bytes)", null);
		}
		return buffer;
	}

	// ---- batch calls: the seeds' apply, map, imap, imap_unordered and starmap

	/**
	 * Submit a task and wait for it, returning its result or rethrowing the exception it
	 * completed with (multiprocessing's {@code apply}, asyncpal's {@code run}): a
	 * {@link io.github.pools.RemoteTaskException} for an exception thrown in the worker,
	 * or the pool's own ({@link io.github.pools.WorkerCrashedException},
	 * {@link io.github.pools.TaskTimeoutException}, ...). If the waiting thread is
	 * interrupted, the task is cancelled and its worker killed.
	 * @param <T> the result type
	 * @param taskType the task's type, or {@code null} for an untyped task
	 * @param task the task
	 * @return the task's result
	 * @throws Exception the task's failure, {@link InterruptedException}, or a refusal
	 */
	public <T> T run(@Nullable String taskType, SerializableCallable<T> task) throws Exception {
		return awaitResult(submit(taskType, task));
	}

	/**
	 * Apply a function to every item in worker JVMs and return the results in input
	 * order (multiprocessing's {@code map}), one item per task.
	 * @param <T> the item type
	 * @param <R> the result type
	 * @param taskType the type of every task, or {@code null}
	 * @param function the function, serialized once per chunk
	 * @param items the items, which must be serializable
	 * @return the results, in input order
	 * @throws RuntimeException the failure of the first failed item, in input order
	 */
	public <T, R> List<R> map(@Nullable String taskType, SerializableFunction<? super T, ? extends R> function,
			Iterable<? extends T> items) {
		return map(taskType, function, items, BatchOptions.defaults());
	}

	/**
	 * Apply a function to every item in worker JVMs and return the results in input
	 * order (multiprocessing's {@code map} with a {@code chunksize}). A chunk of items
	 * crosses to a worker as one task, which is what makes small items cheap; at most a
	 * buffer's worth of chunks is submitted ahead. The first failed item (in input
	 * order) cancels the chunks not yet started and its failure is thrown: a
	 * {@link io.github.pools.RemoteTaskException} for an exception thrown by the
	 * function, or the failure of its whole chunk (a crashed worker, say).
	 * @param <T> the item type
	 * @param <R> the result type
	 * @param taskType the type of every task, or {@code null}
	 * @param function the function, serialized once per chunk
	 * @param items the items, which must be serializable
	 * @param options chunk size, buffer size and timeout
	 * @return the results, in input order
	 */
	public <T, R> List<R> map(@Nullable String taskType, SerializableFunction<? super T, ? extends R> function,
			Iterable<? extends T> items, BatchOptions options) {
		return this.<R>pipeline(taskType, function, items, options, true).toList();
	}

	/**
	 * Apply a function to every item lazily in worker JVMs and stream the results in
	 * input order (multiprocessing's {@code imap}). Items are pulled and submitted only
	 * a buffer's worth ahead of the consumer. A failed item throws when it is consumed;
	 * later items can still be consumed. Closing the stream cancels the chunks not yet
	 * started (running ones finish in their workers): use try-with-resources.
	 * @param <T> the item type
	 * @param <R> the result type
	 * @param taskType the type of every task, or {@code null}
	 * @param function the function, serialized once per chunk
	 * @param items the items, which must be serializable
	 * @param options chunk size, buffer size and timeout
	 * @return a lazy, ordered stream of results
	 */
	public <T, R> Stream<R> mapLazily(@Nullable String taskType, SerializableFunction<? super T, ? extends R> function,
			Iterable<? extends T> items, BatchOptions options) {
		return this.<R>pipeline(taskType, function, items, options, true).stream();
	}

	/**
	 * Apply a function to every item lazily in worker JVMs and stream the results as
	 * they complete (multiprocessing's {@code imap_unordered}); within a chunk, results
	 * keep their order. Otherwise as
	 * {@link #mapLazily(String, SerializableFunction, Iterable, BatchOptions)}.
	 * @param <T> the item type
	 * @param <R> the result type
	 * @param taskType the type of every task, or {@code null}
	 * @param function the function, serialized once per chunk
	 * @param items the items, which must be serializable
	 * @param options chunk size, buffer size and timeout
	 * @return a lazy stream of results in completion order
	 */
	public <T, R> Stream<R> mapAsCompleted(@Nullable String taskType,
			SerializableFunction<? super T, ? extends R> function, Iterable<? extends T> items, BatchOptions options) {
		return this.<R>pipeline(taskType, function, items, options, false).stream();
	}

	/**
	 * Apply a two-argument function to every pair in worker JVMs and return the results
	 * in input order (multiprocessing's {@code starmap}). The pairs themselves need not
	 * be serializable ({@code Map.entry(a, b)} is not), only their keys and values.
	 * @param <A> the first argument type
	 * @param <B> the second argument type
	 * @param <R> the result type
	 * @param taskType the type of every task, or {@code null}
	 * @param function the function, serialized once per chunk
	 * @param pairs the argument pairs
	 * @param options chunk size, buffer size and timeout
	 * @return the results, in input order
	 */
	@SuppressWarnings("unchecked")
	public <A, B, R> List<R> starmap(@Nullable String taskType,
			SerializableBiFunction<? super A, ? super B, ? extends R> function,
			Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs, BatchOptions options) {
		Objects.requireNonNull(pairs, "pairs must not be null");
		Iterable<Object[]> arguments = () -> {
			Iterator<? extends Map.Entry<? extends A, ? extends B>> entries = pairs.iterator();
			return new Iterator<>() {

				@Override
				public boolean hasNext() {
					return entries.hasNext();
				}

				@Override
				public Object[] next() {
					Map.Entry<? extends A, ? extends B> pair = entries.next();
					return new Object[] { pair.getKey(), pair.getValue() };
				}

			};
		};
		Objects.requireNonNull(function, "function must not be null");
		SerializableFunction<Object[], R> spread = (pair) -> function.apply((A) pair[0], (B) pair[1]);
		return this.<R>pipeline(taskType, spread, loaderOf(function), arguments, options, true).toList();
	}

	private <R> ChunkPipeline<R> pipeline(@Nullable String taskType, SerializableFunction<?, ?> function,
			Iterable<?> items, BatchOptions options, boolean ordered) {
		Objects.requireNonNull(function, "function must not be null");
		return pipeline(taskType, function, loaderOf(function), items, options, ordered);
	}

	/**
	 * Run a batch call in chunks, each a task that is a lambda of this class; its results
	 * are read with the loader of the user's function.
	 */
	@SuppressWarnings("unchecked")
	private <R> ChunkPipeline<R> pipeline(@Nullable String taskType, SerializableFunction<?, ?> function,
			ClassLoader resultLoader, Iterable<?> items, BatchOptions options, boolean ordered) {
		Objects.requireNonNull(items, "items must not be null");
		checkAccepting(taskType);
		SerializableFunction<Object, Object> each = (SerializableFunction<Object, Object>) function;
		return ChunkPipeline.start(name(), items, options, 2 * this.workers.maxSize(), ordered,
				(chunk) -> submit(taskType, (SerializableCallable<Object[]>) () -> Batches.apply(each, chunk, true),
						resultLoader));
	}

	/**
	 * Start idle workers ahead of demand (asyncpal's {@code spawn_workers}), in the
	 * background. Workers above the core size exit again after the idle timeout.
	 * @param count how many workers to start at most
	 * @return how many were started: at most {@code count}, no more than fit under the
	 * maximum size, and 0 if the pool is not running
	 */
	@Override
	public int prestart(int count) {
		return this.workers.prestart(count);
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * For a process pool, {@code workers} are the ready worker JVMs, and
	 * {@link PoolStats#processes()} has their starts, failures, exits by reason and
	 * process ids.
	 */
	@Override
	public PoolStats stats() {
		return this.workers.stats();
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Idle workers above a lower maximum exit at once, busy ones after their task. A
	 * higher maximum starts workers for tasks that wait.
	 */
	@Override
	public void resize(int coreSize, int maxSize) {
		SettingRules.sizes(name(), coreSize, maxSize);
		synchronized (this.resizeMonitor) {
			PoolStats before = stats();
			this.workers.resize(coreSize, maxSize);
			PoolStats after = stats();
			notifyListeners((listener) -> listener.resized(this, before, after));
		}
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Workers still alive after that (killed ones that have not yet exited, or those of
	 * a broken pool that did not finish in time) are killed, and {@code close} waits a
	 * few seconds more for them to be gone.
	 */
	@Override
	public void close() {
		super.close();
		if (!isTerminated()) {
			this.workers.killAll();
			try {
				awaitTermination(KILLED_WORKERS_WAIT);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Return whether the pool has a JVM shutdown hook registered, for tests.
	 * @return {@code true} from start until termination if the pool registers one
	 */
	boolean hasShutdownHook() {
		return this.shutdownHook != null;
	}

	// ---- life cycle hooks

	@Override
	protected void doStart() {
		if (this.config.shutdownHook()) {
			Thread hook = new Thread(this::close, "pools-" + name() + "-shutdown");
			Runtime.getRuntime().addShutdownHook(hook);
			this.shutdownHook = hook;
		}
		this.workers.start();
	}

	@Override
	protected void doStop() {
		this.workers.stop();
	}

	@Override
	protected List<PendingTask> doStopNow() {
		return this.workers.stopNow();
	}

	// ---- callbacks from the workers

	void workerStarted(int workerId, long pid) {
		notifyListeners((listener) -> listener.workerStarted(this, workerId, pid));
	}

	void workerExited(int workerId, long pid, WorkerExitReason reason) {
		notifyListeners((listener) -> listener.workerExited(this, workerId, pid, reason));
	}

	boolean poolBroken(Throwable cause) {
		return markBroken(cause);
	}

	BrokenPoolException brokenFailure() {
		return brokenException();
	}

	Map<RejectionReason, Long> rejections() {
		return rejectionCounts();
	}

	void poolTerminated() {
		this.workers.finishSupervisor();
		Thread hook = this.shutdownHook;
		if (hook != null && hook != Thread.currentThread()) {
			try {
				Runtime.getRuntime().removeShutdownHook(hook);
			}
			catch (IllegalStateException ex) {
				// the JVM is shutting down
			}
		}
		this.shutdownHook = null;
		terminated();
	}

	/**
	 * Builds a {@link ProcessPoolManager}. Every setting has a default; {@link #build()}
	 * validates them all and names the first one that breaks a rule, in its
	 * configuration form ({@code max-size}, {@code jvm-args}).
	 */
	public static final class Builder {

		/** Default queue capacity. */
		public static final int DEFAULT_QUEUE_CAPACITY = 1000;

		/** Default {@code max-message-size}: 64 MiB. */
		public static final long DEFAULT_MAX_MESSAGE_SIZE = 64L * 1024 * 1024;

		/**
		 * Default {@code max-object-depth}: deep enough for records, collections and
		 * maps nested in one another, far from what it takes to exhaust a thread's stack
		 * while reading.
		 */
		public static final int DEFAULT_MAX_OBJECT_DEPTH = 100;

		/** Smallest allowed {@code max-message-size}. */
		public static final long MIN_MAX_MESSAGE_SIZE = 4096;

		/**
		 * Default {@code jvm-args} of a worker: a small heap that starts smaller still,
		 * and the serial collector, which keep a fresh idle worker near 42 MB resident
		 * (53 to 62 MB once it has run hot code) and ready in about 50 ms. When the workers run the application's own JVM and it
		 * supports {@code -XX:TrimNativeHeapInterval}, that flag is added too, so a
		 * worker gives back the memory its JIT compilers used. Replace them to give
		 * workers more memory ({@code -Xmx2g}) or another collector.
		 */
		public static final List<String> DEFAULT_JVM_ARGS = List.of("-Xmx256m", "-Xms8m", "-XX:+UseSerialGC");

		private final String name;

		private @Nullable String taskType;

		private @Nullable Integer coreSize;

		private int maxSize = Runtime.getRuntime().availableProcessors();

		private int queueCapacity = DEFAULT_QUEUE_CAPACITY;

		/** {@code null} for the defaults. */
		private @Nullable List<String> jvmArgs;

		private Map<String, String> environment = Map.of();

		private @Nullable Duration taskTimeout;

		private int maxTasksPerWorker;

		private Duration idleTimeout = Duration.ofSeconds(60);

		private boolean prestart;

		private Duration startTimeout = Duration.ofSeconds(30);

		private List<String> allowedClasses = List.of();

		private long maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;

		private int maxObjectDepth = DEFAULT_MAX_OBJECT_DEPTH;

		private boolean daemon;

		/** {@code null} for the default: a hook unless the pool is a daemon pool. */
		private @Nullable Boolean shutdownHook;

		private boolean awaitTermination = true;

		private Duration awaitTerminationPeriod = Duration.ofSeconds(30);

		private @Nullable SerializableRunnable initializer;

		private @Nullable SerializableRunnable finalizer;

		private Path javaExecutable = DEFAULT_JAVA;

		private @Nullable String classpath;

		private static final Path DEFAULT_JAVA = defaultJavaExecutable();

		private Builder(String name) {
			this.name = SettingRules.name(name);
		}

		private static Path defaultJavaExecutable() {
			Path bin = Path.of(System.getProperty("java.home"), "bin");
			Path windows = bin.resolve("java.exe");
			return Files.isRegularFile(windows) ? windows : bin.resolve("java");
		}

		/**
		 * Return the name of the pool being built.
		 * @return the pool name
		 */
		public String name() {
			return this.name;
		}

		/**
		 * Restrict the pool to one task type ({@code task-type}); by default it accepts
		 * every task.
		 * @param taskType the task type, or {@code null} to accept every task
		 * @return this builder
		 */
		public Builder taskType(@Nullable String taskType) {
			this.taskType = taskType;
			return this;
		}

		/**
		 * Set the number of workers kept when idle ({@code core-size}); by default the
		 * maximum size. Workers above it exit after the idle timeout.
		 * @param coreSize the core size, or {@code null} for the maximum size
		 * @return this builder
		 */
		public Builder coreSize(@Nullable Integer coreSize) {
			this.coreSize = coreSize;
			return this;
		}

		/**
		 * Set the maximum number of worker JVMs ({@code max-size}); by default the number
		 * of available processors.
		 * @param maxSize the maximum size
		 * @return this builder
		 */
		public Builder maxSize(int maxSize) {
			this.maxSize = maxSize;
			return this;
		}

		/**
		 * Set how many tasks can wait for a worker ({@code queue-capacity});
		 * {@value #DEFAULT_QUEUE_CAPACITY} by default, at least 1. Tasks also wait here
		 * while workers start.
		 * @param queueCapacity the queue capacity
		 * @return this builder
		 */
		public Builder queueCapacity(int queueCapacity) {
			this.queueCapacity = queueCapacity;
			return this;
		}

		/**
		 * Set the worker JVM's own flags ({@code jvm-args}), which replace the defaults
		 * ({@link #DEFAULT_JVM_ARGS}); the application's flags are never passed on. The
		 * pool adds flags of its own in front, which send the JVM's own output to
		 * standard error and make an out-of-memory error end the worker. Flags
		 * that would print to standard output, which carries the channel, are refused:
		 * give {@code -Xlog} an output ({@code -Xlog:gc:stderr}). The class path is set
		 * with {@link #classpath(String)}, not here.
		 * @param jvmArgs the flags
		 * @return this builder
		 */
		public Builder jvmArgs(List<String> jvmArgs) {
			this.jvmArgs = List.copyOf(jvmArgs);
			return this;
		}

		/**
		 * Set variables added to each worker's environment ({@code environment}), on top
		 * of the application's, from which {@code JAVA_TOOL_OPTIONS},
		 * {@code JDK_JAVA_OPTIONS} and {@code _JAVA_OPTIONS} are removed.
		 * @param environment the variables
		 * @return this builder
		 */
		public Builder environment(Map<String, String> environment) {
			this.environment = Map.copyOf(environment);
			return this;
		}

		/**
		 * Set how long a task may run ({@code task-timeout}); by default there is no
		 * limit. A task that runs longer fails with
		 * {@link io.github.pools.TaskTimeoutException} and its worker is killed.
		 * @param taskTimeout the limit, or {@code null} for none
		 * @return this builder
		 */
		public Builder taskTimeout(@Nullable Duration taskTimeout) {
			this.taskTimeout = taskTimeout;
			return this;
		}

		/**
		 * Set how many tasks a worker runs before it is replaced by a fresh JVM
		 * ({@code max-tasks-per-worker}), against leaks; 0 (the default) for no limit.
		 * @param maxTasksPerWorker the limit, or 0
		 * @return this builder
		 */
		public Builder maxTasksPerWorker(int maxTasksPerWorker) {
			this.maxTasksPerWorker = maxTasksPerWorker;
			return this;
		}

		/**
		 * Set how long a worker above the core size may be idle before it exits
		 * ({@code idle-timeout}); 60 seconds by default.
		 * @param idleTimeout the idle timeout
		 * @return this builder
		 */
		public Builder idleTimeout(Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
			return this;
		}

		/**
		 * Set whether the core workers start with the pool ({@code prestart}), in the
		 * background, instead of on demand; {@code false} by default.
		 * @param prestart whether to start core workers eagerly
		 * @return this builder
		 */
		public Builder prestart(boolean prestart) {
			this.prestart = prestart;
			return this;
		}

		/**
		 * Set how long a worker may take to become ready, initializer included
		 * ({@code start-timeout}); 30 seconds by default. It also bounds the other end
		 * of a worker's life: a worker told to stop (idle, recycled, or the pool
		 * stopping) that has not exited this long after, its finalizer or a shutdown
		 * hook hanging, is killed; its exit still counts under the reason it was told to
		 * stop for.
		 * @param startTimeout the start timeout
		 * @return this builder
		 */
		public Builder startTimeout(Duration startTimeout) {
			this.startTimeout = startTimeout;
			return this;
		}

		/**
		 * Add classes to the deserialization allow-list ({@code allowed-classes}), in
		 * {@link java.io.ObjectInputFilter} pattern syntax: {@code com.example.Report}
		 * for one class, {@code com.example.*} for a package, {@code com.example.**} for
		 * a package and its subpackages, {@code !com.example.Secret} to refuse. They come
		 * before the default list: the JDK's value and collection types
		 * ({@code java.lang}, {@code java.util}, {@code java.time}, {@code java.math}),
		 * serialized lambdas and {@code io.github.pools.**}. Tasks, what they capture,
		 * their results, the initializer and the finalizer must all pass, in the worker
		 * and in the application; a lambda also needs the class that declares it. So a
		 * pool that runs lambdas from {@code com.example} needs {@code com.example.**}.
		 * Throwables never pass.
		 * @param allowedClasses the patterns
		 * @return this builder
		 */
		public Builder allowedClasses(List<String> allowedClasses) {
			this.allowedClasses = List.copyOf(allowedClasses);
			return this;
		}

		/**
		 * Set the largest serialized task or result, in bytes ({@code max-message-size});
		 * 64 MiB by default, at least {@value #MIN_MAX_MESSAGE_SIZE}.
		 * @param maxMessageSize the limit in bytes
		 * @return this builder
		 */
		public Builder maxMessageSize(long maxMessageSize) {
			this.maxMessageSize = maxMessageSize;
			return this;
		}

		/**
		 * Set the deepest object graph that may be deserialized
		 * ({@code max-object-depth}); {@value #DEFAULT_MAX_OBJECT_DEPTH} by default.
		 * Collections and maps count one level each, whatever their size; a structure
		 * linked through its own fields (a hand-made linked list or tree) counts one level
		 * per link and may need more.
		 * @param maxObjectDepth the limit
		 * @return this builder
		 */
		public Builder maxObjectDepth(int maxObjectDepth) {
			this.maxObjectDepth = maxObjectDepth;
			return this;
		}

		/**
		 * Set whether the pool is a daemon pool ({@code daemon}); {@code false} by
		 * default. A non-daemon pool registers a JVM shutdown hook that closes it
		 * gracefully (queued tasks run, up to the await-termination period) if the
		 * application exits without closing it, unless {@link #shutdownHook(boolean)}
		 * says otherwise. A daemon pool has no hook: at JVM exit its workers just exit,
		 * and their tasks are lost. Either way the pool's threads do not keep the JVM
		 * alive.
		 * @param daemon whether the pool is a daemon pool
		 * @return this builder
		 */
		public Builder daemon(boolean daemon) {
			this.daemon = daemon;
			return this;
		}

		/**
		 * Set whether the pool registers a JVM shutdown hook that closes it if the
		 * application exits without closing it; by default it does unless it is a
		 * {@linkplain #daemon(boolean) daemon} pool. Frameworks that close the pool
		 * themselves turn it off: the hook would close the pool at JVM exit concurrently
		 * with the framework's own orderly shutdown, refusing work still handed to it.
		 * Pools configured in Spring have no hook: the application context closes them,
		 * after the web server. Without a hook, a pool left open at JVM exit ends as a
		 * daemon pool does: its workers exit when their standard input closes, and their
		 * tasks are lost.
		 * @param shutdownHook whether to register the hook
		 * @return this builder
		 */
		public Builder shutdownHook(boolean shutdownHook) {
			this.shutdownHook = shutdownHook;
			return this;
		}

		/**
		 * Set whether {@link ProcessPoolManager#close()} waits for accepted tasks before
		 * killing what is left ({@code shutdown.await-termination}); {@code true} by
		 * default.
		 * @param awaitTermination whether to wait
		 * @return this builder
		 */
		public Builder awaitTermination(boolean awaitTermination) {
			this.awaitTermination = awaitTermination;
			return this;
		}

		/**
		 * Set how long {@link ProcessPoolManager#close()} waits
		 * ({@code shutdown.await-termination-period}); 30 seconds by default.
		 * @param awaitTerminationPeriod the longest wait
		 * @return this builder
		 */
		public Builder awaitTerminationPeriod(Duration awaitTerminationPeriod) {
			this.awaitTerminationPeriod = awaitTerminationPeriod;
			return this;
		}

		/**
		 * Set code that runs in every worker JVM once, before it reports ready
		 * ({@code initializer}): warm caches, open connections. It runs once per JVM, not
		 * per thread: a worker runs its tasks one at a time, but not always on the same
		 * thread, so keep what it prepares in static fields rather than thread-locals. If
		 * it throws, the worker counts as a start failure.
		 * @param initializer the initializer, or {@code null} for none
		 * @return this builder
		 */
		public Builder initializer(@Nullable SerializableRunnable initializer) {
			this.initializer = initializer;
			return this;
		}

		/**
		 * Set code that runs in a worker JVM when it ends gracefully ({@code finalizer}):
		 * after a stop, when it was idle too long, or when it was recycled. A worker that
		 * is killed or crashes does not run it. A failure is logged. A worker that has not
		 * exited within the start timeout after it was told to stop is killed.
		 * @param finalizer the finalizer, or {@code null} for none
		 * @return this builder
		 */
		public Builder finalizer(@Nullable SerializableRunnable finalizer) {
			this.finalizer = finalizer;
			return this;
		}

		/**
		 * Set the {@code java} executable of the workers ({@code java-executable}); by
		 * default the one running the application, {@code ${java.home}/bin/java}.
		 * @param javaExecutable the executable
		 * @return this builder
		 */
		public Builder javaExecutable(Path javaExecutable) {
			this.javaExecutable = Objects.requireNonNull(javaExecutable, "javaExecutable must not be null");
			return this;
		}

		/**
		 * Set the class path of the workers ({@code classpath}); by default the
		 * application's {@code java.class.path} with every entry made absolute, or the
		 * application's jar started through Boot's {@code PropertiesLauncher} inside an
		 * executable Spring Boot jar. Needed when the application runs from the module
		 * path or an executable war. A class path of one executable Spring Boot jar is
		 * started through Boot's {@code PropertiesLauncher} too.
		 * @param classpath the class path, or {@code null} to derive it
		 * @return this builder
		 */
		public Builder classpath(@Nullable String classpath) {
			this.classpath = classpath;
			return this;
		}

		int coreSize() {
			return (this.coreSize != null) ? this.coreSize : this.maxSize;
		}

		boolean shutdownHook() {
			return (this.shutdownHook != null) ? this.shutdownHook : !this.daemon;
		}

		List<String> jvmArgs() {
			return (this.jvmArgs != null) ? this.jvmArgs
					: JvmArgs.defaults(this.javaExecutable, DEFAULT_JAVA, DEFAULT_JVM_ARGS);
		}

		/**
		 * Check every setting without building the pool.
		 * @return this builder
		 * @throws InvalidPoolSettingException for the first setting that breaks a rule
		 */
		public Builder validate() {
			SettingRules.taskType(this.name, this.taskType);
			SettingRules.sizes(this.name, coreSize(), this.maxSize);
			SettingRules.atLeast(this.name, "queue-capacity", this.queueCapacity, 1);
			for (String arg : jvmArgs()) {
				String problem = JvmArgs.problem(arg);
				if (problem != null) {
					throw new InvalidPoolSettingException(this.name, "jvm-args", "'" + arg + "'", problem);
				}
			}
			this.environment.forEach((key, value) -> {
				if (key.isEmpty() || key.indexOf('=') >= 0 || key.indexOf('\0') >= 0 || value.indexOf('\0') >= 0) {
					throw new InvalidPoolSettingException(this.name, "environment", "'" + key + "'",
							"is not a valid environment variable");
				}
			});
			if (this.taskTimeout != null) {
				SettingRules.positive(this.name, "task-timeout", this.taskTimeout);
			}
			SettingRules.atLeast(this.name, "max-tasks-per-worker", this.maxTasksPerWorker, 0);
			SettingRules.positive(this.name, "idle-timeout", this.idleTimeout);
			SettingRules.positive(this.name, "start-timeout", this.startTimeout);
			for (String pattern : this.allowedClasses) {
				try {
					ObjectFilters.checkPattern(pattern);
				}
				catch (IllegalArgumentException ex) {
					throw new InvalidPoolSettingException(this.name, "allowed-classes", "'" + pattern + "'",
							ex.getMessage());
				}
			}
			long maxFrame = Integer.MAX_VALUE - 8;
			if (this.maxMessageSize < MIN_MAX_MESSAGE_SIZE || this.maxMessageSize > maxFrame) {
				throw new InvalidPoolSettingException(this.name, "max-message-size", this.maxMessageSize,
						"must be between " + MIN_MAX_MESSAGE_SIZE + " and " + maxFrame + " bytes");
			}
			SettingRules.atLeast(this.name, "max-object-depth", this.maxObjectDepth, 1);
			SettingRules.notNegative(this.name, "shutdown.await-termination-period", this.awaitTerminationPeriod);
			if (!Files.isExecutable(this.javaExecutable) || Files.isDirectory(this.javaExecutable)) {
				throw new InvalidPoolSettingException(this.name, "java-executable", this.javaExecutable,
						"is not an executable file");
			}
			if (this.classpath != null && this.classpath.isBlank()) {
				throw new InvalidPoolSettingException(this.name, "classpath", "'" + this.classpath + "'",
						"must not be blank; leave it unset to use the application's class path");
			}
			serialized("initializer", this.initializer);
			serialized("finalizer", this.finalizer);
			return this;
		}

		private byte @Nullable [] serialized(String setting, @Nullable SerializableRunnable runnable) {
			if (runnable == null) {
				return null;
			}
			return serialize(runnable, this.maxMessageSize,
					(problem, cause) -> new InvalidPoolSettingException(this.name, setting, runnable, problem))
				.payload();
		}

		/**
		 * Validate the settings and build the pool, not yet started. No worker starts
		 * before {@link ProcessPoolManager#start()}.
		 * @return the pool, in state {@link io.github.pools.PoolState#NEW NEW}
		 * @throws InvalidPoolSettingException for the first setting that breaks a rule
		 */
		public ProcessPoolManager build() {
			validate();
			ObjectCodec codec = new ObjectCodec(
					ObjectFilters.of(this.allowedClasses, this.maxMessageSize, this.maxObjectDepth));
			WorkerCommand command = WorkerCommand.create(this.javaExecutable, jvmArgs(), this.classpath,
					System.getProperty("java.class.path", ""));
			PoolConfig config = new PoolConfig(this.name, this.queueCapacity, this.taskTimeout, this.maxTasksPerWorker,
					this.idleTimeout, this.startTimeout, this.prestart, shutdownHook(), this.maxMessageSize, codec,
					serialized("initializer", this.initializer), serialized("finalizer", this.finalizer),
					command, this.environment);
			return new ProcessPoolManager(this, config);
		}

	}

}
