package io.github.pools.process;

import java.io.IOException;
import java.io.NotSerializableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

import io.github.pools.BrokenPoolException;
import io.github.pools.InvalidPoolSettingException;
import io.github.pools.PendingTask;
import io.github.pools.PoolBuilder;
import io.github.pools.PoolCounters;
import io.github.pools.PoolKind;
import io.github.pools.PoolListener;
import io.github.pools.PoolState;
import io.github.pools.PoolStats;
import io.github.pools.RemotePoolManager;
import io.github.pools.SerializableCallable;
import io.github.pools.SerializableRunnable;
import io.github.pools.TaskRejectedException;
import io.github.pools.TaskSerializationException;
import io.github.pools.TaskTimer;
import io.github.pools.internal.PoolControl;
import io.github.pools.internal.RemoteChunk;
import io.github.pools.internal.SettingRules;
import io.github.pools.process.channel.CodecWarmUp;
import io.github.pools.process.channel.FrameBuffer;
import io.github.pools.process.channel.FrameType;
import io.github.pools.process.channel.ObjectCodec;
import io.github.pools.process.channel.ObjectFilters;
import io.github.pools.process.channel.TraceParent;
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
 * prefixed {@code [pool#id]}, and with the trace and span ids of a traced task while one
 * runs (see {@link ProcessTaskObserver}). Bytes on the channel that are not a valid frame
 * kill the worker (exit reason {@code PROTOCOL_ERROR}).
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
 * and counted, and another starts after a short pause while a task waits. After three
 * failures in a row the pool is {@linkplain io.github.pools.PoolState#BROKEN broken}:
 * queued tasks fail and later submits are refused with {@link BrokenPoolException}
 * at once, while the pool keeps starting one worker at a time, after pauses that grow
 * from 1 s to 30 s; when one starts, the pool runs again. A worker killed from outside
 * while it starts is not a start failure: another one starts.</li>
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
public final class ProcessPoolManager implements RemotePoolManager {

	/** How long {@link #close()} waits for killed workers to be gone. */
	private static final Duration KILLED_WORKERS_WAIT = Duration.ofSeconds(10);

	private final PoolControl control;

	private final PoolConfig config;

	private final WorkerPool workers;

	private final Object resizeMonitor = new Object();

	/** Set once in {@link #start()}, cleared on termination. */
	private volatile @Nullable Thread shutdownHook;

	private final @Nullable ProcessTaskObserver observer;

	/** Made once: submit is a hot path. */
	private final BiFunction<String, @Nullable Throwable, RuntimeException> taskFailure = this::taskFailure;

	private ProcessPoolManager(PoolConfig config, WorkerStarter starter, @Nullable ProcessTaskObserver observer) {
		this.control = new PoolControl(this, config.settings());
		this.config = config;
		this.observer = observer;
		this.workers = new WorkerPool(this.control, config, starter);
		addListener(new PoolListener() {

			@Override
			public void stateChanged(io.github.pools.PoolManager pool, PoolState from, PoolState to) {
				if (to == PoolState.TERMINATED) {
					removeShutdownHook();
				}
			}

		});
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
	public String name() {
		return this.control.name();
	}

	@Override
	public @Nullable String taskType() {
		return this.control.taskType();
	}

	@Override
	public PoolKind kind() {
		return PoolKind.PROCESS;
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * The task goes to an idle worker at once, written on this thread, or waits in the
	 * queue; the future is completed on the thread of the worker that answers.
	 * @throws TaskSerializationException if the task cannot be serialized or is larger
	 * than {@code maxMessageSize}; nothing is queued
	 */
	@Override
	public <T> CompletableFuture<T> submit(@Nullable String taskType, SerializableCallable<T> task) {
		Objects.requireNonNull(task, "task must not be null");
		this.control.checkAccepting(taskType);
		// A batch's chunk is a class of Pools; its results are the user's function's.
		ClassLoader resultLoader = (task instanceof RemoteChunk chunk) ? chunk.resultLoader()
				: RemoteChunk.loaderOf(task);
		ProcessTaskObserver observer = this.observer;
		if (observer != null) {
			ProcessTaskObserver.Observed observed = observer.start(name(), taskType);
			if (observed != null) {
				return submitObserved(taskType, task, resultLoader, observed);
			}
		}
		ProcessTask<T> future = new ProcessTask<>(this.workers, taskType, task, serialize(task, null), resultLoader,
				this.control.taskTimer());
		this.workers.dispatch(future);
		return future;
	}

	/**
	 * Submit a task whose observation has started: its frame carries the observation's
	 * trace context, and the observation stops when the task completes, or at once if
	 * the task is refused.
	 */
	private <T> CompletableFuture<T> submitObserved(@Nullable String taskType, SerializableCallable<T> task,
			ClassLoader resultLoader, ProcessTaskObserver.Observed observed) {
		ProcessTask<T> future;
		try {
			future = new ProcessTask<>(this.workers, taskType, task, serialize(task, observed.traceparent()),
					resultLoader, this.control.taskTimer());
			this.workers.dispatch(future);
		}
		catch (RuntimeException | Error ex) {
			observed.stop(ex);
			throw ex;
		}
		future.whenComplete((result, failure) -> observed.stop(failure));
		return future;
	}

	private FrameBuffer serialize(SerializableCallable<?> task, @Nullable String traceparent) {
		FrameBuffer buffer = new FrameBuffer(512);
		if (traceparent != null && TraceParent.isValid(traceparent)) {
			buffer.traceparent(traceparent);
		}
		return serialize(buffer, task, this.config.maxMessageSize(), this.taskFailure).finish(FrameType.TASK);
	}

	private RuntimeException taskFailure(String problem, @Nullable Throwable cause) {
		String message = "Task for pool '" + name() + "' " + problem;
		return (cause != null) ? new TaskSerializationException(message, cause)
				: new TaskSerializationException(message);
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
		return serialize(new FrameBuffer(512), value, maxMessageSize, failure);
	}

	private static FrameBuffer serialize(FrameBuffer buffer, Object value, long maxMessageSize,
			BiFunction<String, @Nullable Throwable, RuntimeException> failure) {
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
	 * Return the pool's counters, each read from a field of its own without the pool's
	 * lock.
	 * @return the counters
	 */
	@Override
	public PoolCounters counters() {
		return this.workers.counters();
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
			this.control.notifyListeners((listener) -> listener.resized(this, before, after));
		}
	}

	// ---- life cycle, delegated to the shared control

	@Override
	public void start() {
		this.control.start(this.workers);
		CodecWarmUp.startOnce();
		if (this.config.shutdownHook() && this.shutdownHook == null) {
			Thread hook = new Thread(this::close, "pools-" + name() + "-shutdown");
			this.shutdownHook = hook;
			Runtime.getRuntime().addShutdownHook(hook);
		}
	}

	private void removeShutdownHook() {
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
	}

	/**
	 * Return whether the pool has a JVM shutdown hook registered, for tests.
	 * @return {@code true} from start until termination if the pool registers one
	 */
	boolean hasShutdownHook() {
		return this.shutdownHook != null;
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
		this.control.stop(this.workers);
	}

	@Override
	public List<PendingTask> stopNow() {
		return this.control.stopNow(this.workers);
	}

	@Override
	public boolean awaitTermination(Duration timeout) throws InterruptedException {
		return this.control.awaitTermination(timeout);
	}

	@Override
	public boolean isTerminated() {
		return this.control.isTerminated();
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Workers still alive after that (killed ones that have not yet exited) are killed
	 * again, and {@code close} waits a few seconds more for them to be gone.
	 */
	@Override
	public void close() {
		this.control.close(this.workers);
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

	@Override
	public String toString() {
		return this.control.toString();
	}

	/**
	 * Builds a {@link ProcessPoolManager}. Every setting has a default; {@link #build()}
	 * validates them all and names the first one that breaks a rule, in its
	 * configuration form ({@code max-size}, {@code jvm-args}).
	 */
	public static final class Builder extends PoolBuilder<Builder, ProcessPoolManager> {

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
		 * (53 to 62 MB once it has run hot code) and ready in 120 to 180 ms from a plain class
		 * path, the more the larger its jars. When the workers run the application's own JVM and it
		 * supports {@code -XX:TrimNativeHeapInterval}, that flag is added too, so a
		 * worker gives back the memory its JIT compilers used. Replace them to give
		 * workers more memory ({@code -Xmx2g}) or another collector.
		 */
		public static final List<String> DEFAULT_JVM_ARGS = List.of("-Xmx256m", "-Xms8m", "-XX:+UseSerialGC");

		/** {@code null} for the defaults. */
		private @Nullable List<String> jvmArgs;

		private Map<String, String> environment = Map.of();

		private @Nullable Duration taskTimeout;

		private Duration idleTimeout = Duration.ofSeconds(60);

		private Duration startTimeout = Duration.ofSeconds(30);

		private List<String> allowedClasses = List.of();

		private long maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;

		private int maxObjectDepth = DEFAULT_MAX_OBJECT_DEPTH;

		private boolean daemon;

		/** {@code null} for the default: a hook unless the pool is a daemon pool. */
		private @Nullable Boolean shutdownHook;

		private @Nullable SerializableRunnable initializer;

		private @Nullable SerializableRunnable finalizer;

		private Path javaExecutable = DEFAULT_JAVA;

		private @Nullable String classpath;

		private @Nullable Path classDataDirectory;

		private @Nullable ProcessTaskObserver taskObserver;

		private static final Path DEFAULT_JAVA = defaultJavaExecutable();

		private Builder(String name) {
			// A task always waits in the queue while a worker starts.
			super(name, Runtime.getRuntime().availableProcessors(), 1);
		}

		private static Path defaultJavaExecutable() {
			Path bin = Path.of(System.getProperty("java.home"), "bin");
			Path windows = bin.resolve("java.exe");
			return Files.isRegularFile(windows) ? windows : bin.resolve("java");
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
		 * Set what watches each task from submit to completion and gives it the trace
		 * context it carries into its worker; Pools' auto-configuration sets one that
		 * observes tasks with Micrometer when the application has an
		 * {@code ObservationRegistry}. By default there is none.
		 * @param taskObserver the observer, or {@code null} for none
		 * @return this builder
		 */
		public Builder taskObserver(@Nullable ProcessTaskObserver taskObserver) {
			this.taskObserver = taskObserver;
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

		/**
		 * Set the directory of the workers' class-data-sharing archive
		 * ({@code class-data-directory}); by default none. The first worker started
		 * without an archive writes one when it stops cleanly
		 * ({@code -XX:ArchiveClassesAtExit}), and workers started after that map it
		 * ({@code -XX:SharedArchiveFile}) instead of loading and verifying the same
		 * classes again. The file is named after a digest of the {@code java} executable,
		 * the {@code jvm-args} and each class path jar's size and modification time, so
		 * a new build gets its own archive. A class path holding a directory of classes
		 * or a wildcard has no archive (the JVM archives classes from jars only). Workers
		 * load code from this directory: only the application's user may write there.
		 * Needs a HotSpot JVM (JDK 17 or later) as the workers' {@code java}; {@code jvm-args}
		 * that set class-data sharing themselves ({@code -Xshare:...},
		 * {@code -XX:SharedArchiveFile}, ...) are refused with it.
		 * <p>
		 * If workers would start from an executable Spring Boot jar, the pool also unpacks
		 * it here once per build of the jar, when the pool is built
		 * ({@code boot-<digest>/}: the application's classes as {@code classes.jar}, then
		 * its libraries in the order of Boot's {@code JarLauncher}) and starts workers
		 * from them, without Boot's launcher: more than twice as fast, and the archive
		 * then covers every class. A jar that cannot be unpacked safely is logged and its
		 * workers start through the launcher.
		 * @param classDataDirectory the directory, created if missing, or {@code null}
		 * for none
		 * @return this builder
		 */
		public Builder classDataDirectory(@Nullable Path classDataDirectory) {
			this.classDataDirectory = classDataDirectory;
			return this;
		}

		boolean shutdownHook() {
			return (this.shutdownHook != null) ? this.shutdownHook : !this.daemon;
		}

		List<String> jvmArgs() {
			return (this.jvmArgs != null) ? this.jvmArgs
					: JvmArgs.defaults(this.javaExecutable, DEFAULT_JAVA, DEFAULT_JVM_ARGS);
		}

		@Override
		protected void validateSettings() {
			for (String arg : jvmArgs()) {
				String problem = JvmArgs.problem(arg);
				if (problem != null) {
					throw new InvalidPoolSettingException(name(), "jvm-args", "'" + arg + "'", problem);
				}
			}
			this.environment.forEach((key, value) -> {
				if (key.isEmpty() || key.indexOf('=') >= 0 || key.indexOf('\0') >= 0 || value.indexOf('\0') >= 0) {
					throw new InvalidPoolSettingException(name(), "environment", "'" + key + "'",
							"is not a valid environment variable");
				}
			});
			if (this.taskTimeout != null) {
				SettingRules.positive(name(), "task-timeout", this.taskTimeout);
			}
			SettingRules.positive(name(), "idle-timeout", this.idleTimeout);
			SettingRules.positive(name(), "start-timeout", this.startTimeout);
			for (String pattern : this.allowedClasses) {
				try {
					ObjectFilters.checkPattern(pattern);
				}
				catch (IllegalArgumentException ex) {
					throw new InvalidPoolSettingException(name(), "allowed-classes", "'" + pattern + "'",
							ex.getMessage());
				}
			}
			long maxFrame = Integer.MAX_VALUE - 8;
			if (this.maxMessageSize < MIN_MAX_MESSAGE_SIZE || this.maxMessageSize > maxFrame) {
				throw new InvalidPoolSettingException(name(), "max-message-size", this.maxMessageSize,
						"must be between " + MIN_MAX_MESSAGE_SIZE + " and " + maxFrame + " bytes");
			}
			SettingRules.atLeast(name(), "max-object-depth", this.maxObjectDepth, 1);
			if (!Files.isExecutable(this.javaExecutable) || Files.isDirectory(this.javaExecutable)) {
				throw new InvalidPoolSettingException(name(), "java-executable", this.javaExecutable,
						"is not an executable file");
			}
			if (this.classDataDirectory != null) {
				for (String arg : jvmArgs()) {
					if (ClassDataArchive.conflicts(arg)) {
						throw new InvalidPoolSettingException(name(), "class-data-directory", this.classDataDirectory,
								"cannot be used with jvm-args '" + arg
										+ "', which sets class-data sharing itself: remove one of them");
					}
				}
			}
			if (this.classpath != null && this.classpath.isBlank()) {
				throw new InvalidPoolSettingException(name(), "classpath", "'" + this.classpath + "'",
						"must not be blank; leave it unset to use the application's class path");
			}
			serialized("initializer", this.initializer);
			serialized("finalizer", this.finalizer);
		}

		private byte @Nullable [] serialized(String setting, @Nullable SerializableRunnable runnable) {
			if (runnable == null) {
				return null;
			}
			return serialize(runnable, this.maxMessageSize,
					(problem, cause) -> new InvalidPoolSettingException(name(), setting, runnable, problem))
				.payload();
		}

		/**
		 * Validate the settings and build the pool, not yet started. No worker starts
		 * before {@link ProcessPoolManager#start()}.
		 * @return the pool, in state {@link io.github.pools.PoolState#NEW NEW}
		 * @throws InvalidPoolSettingException for the first setting that breaks a rule
		 */
		@Override
		public ProcessPoolManager build() {
			validate();
			ObjectFilters filters = filters();
			WorkerCommand command = WorkerCommand.create(this.javaExecutable, jvmArgs(), this.classpath,
					System.getProperty("java.class.path", ""));
			if (this.classDataDirectory != null) {
				command = UnpackedBootJar.startFrom(command, this.classDataDirectory);
			}
			ClassDataArchive archive = (this.classDataDirectory != null) ? ClassDataArchive.of(this.classDataDirectory,
					command.java(), command.jvmArgs(), command.classPath()) : null;
			return build(new JvmWorkerStarter(name(), command, this.environment, filters.allowedClasses(),
					this.maxMessageSize, filters.maxDepth(), serialized("initializer", this.initializer),
					serialized("finalizer", this.finalizer), archive));
		}

		/**
		 * Build the pool on workers started by the given starter, for tests of the pool
		 * with workers that are not JVMs.
		 */
		ProcessPoolManager build(WorkerStarter starter) {
			validate();
			PoolConfig config = new PoolConfig(settings(), this.taskTimeout, this.idleTimeout, this.startTimeout,
					shutdownHook(), this.maxMessageSize, new ObjectCodec(filters()));
			return new ProcessPoolManager(config, starter, this.taskObserver);
		}

		private ObjectFilters filters() {
			return ObjectFilters.of(this.allowedClasses, this.maxMessageSize, this.maxObjectDepth);
		}

	}

}
