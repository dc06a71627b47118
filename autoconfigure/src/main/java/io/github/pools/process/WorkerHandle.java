package io.github.pools.process;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.pools.WorkerExitReason;
import io.github.pools.process.channel.FailureReport;
import io.github.pools.process.channel.Frame;
import io.github.pools.process.channel.FrameBuffer;
import io.github.pools.process.channel.FrameReader;
import io.github.pools.process.channel.FrameType;
import io.github.pools.process.channel.ObjectFilters;
import io.github.pools.process.channel.ProtocolException;
import io.github.pools.process.channel.WorkerConfig;
import org.jspecify.annotations.Nullable;

/**
 * The pool's side of one worker JVM: its process, its channel and its life.
 * <p>
 * One thread per worker launches it, then reads its answers for as long as it lives,
 * then waits for its exit and reports it; whoever needs a worker gone (supervisor,
 * {@code cancel(true)}, {@code stopNow()}) decides the {@linkplain #ending() reason}
 * first and kills the process, and this thread notices the closed channel. Tasks are
 * written to the worker by whichever thread hands them over: the submitting thread for
 * an idle worker, or this worker's own thread right after the previous answer.
 */
final class WorkerHandle {

	/** How long a worker whose channel closed may take to exit before it is killed. */
	private static final Duration EXIT_WAIT = Duration.ofSeconds(2);

	/** How long to wait for the rest of a dead worker's standard error. */
	private static final Duration STDERR_DRAIN = Duration.ofSeconds(2);

	private static final FrameBuffer STOP = FrameBuffer.empty(FrameType.STOP);

	/** Where a worker is in its life, as the pool sees it. */
	enum Phase {

		/** Being started; not yet ready. */
		LAUNCHING,

		/** Ready: idle or running a task. */
		READY,

		/** Told to stop, or being killed; takes no more tasks. */
		RETIRING

	}

	final int id;

	private final WorkerPool pool;

	private final PoolConfig config;

	private final String workerName;

	/** Whether this worker replaces one that crashed or was recycled. */
	final boolean replacement;

	private volatile @Nullable Process process;

	private volatile long pid = -1;

	/** Set by the launching thread before the worker is published under the pool lock. */
	private @Nullable OutputStream stdin;

	/** Read only by this worker's thread. */
	private @Nullable FrameReader stdout;

	private @Nullable WorkerOutput stderr;

	/** Serializes writes to the worker: a task and a stop never interleave. */
	private final Object writeLock = new Object();

	/** Why the worker ends, decided once by whoever ends it first. */
	private final AtomicReference<@Nullable WorkerExitReason> ending = new AtomicReference<>();

	/** What was wrong with the channel, for a protocol error. */
	private volatile @Nullable String channelProblem;

	/** Whether {@link #destroy()} was called. */
	private volatile boolean destroyed;

	/** Set under the pool lock by the supervisor when the worker was not ready in time. */
	private volatile boolean startTimedOut;

	/** Guarded by the pool lock. */
	Phase phase = Phase.LAUNCHING;

	/** The task the worker runs; guarded by the pool lock. */
	@Nullable ProcessTask<?> current;

	/** Answered tasks; guarded by the pool lock. */
	int tasksRun;

	/** Guarded by the pool lock. */
	long idleSinceNanos;

	/** Guarded by the pool lock. */
	long startDeadlineNanos;

	/** When a retiring worker that has not exited is killed; guarded by the pool lock. */
	long retireDeadlineNanos;

	WorkerHandle(int id, WorkerPool pool, PoolConfig config, boolean replacement) {
		this.id = id;
		this.pool = pool;
		this.config = config;
		this.workerName = config.name() + "#" + id;
		this.replacement = replacement;
	}

	long pid() {
		return this.pid;
	}

	@Nullable WorkerExitReason ending() {
		return this.ending.get();
	}

	/**
	 * Decide why the worker ends, unless that was decided already.
	 * @param reason the reason
	 * @return {@code true} if this call decided it
	 */
	boolean end(WorkerExitReason reason) {
		return this.ending.compareAndSet(null, reason);
	}

	// ---- launching

	/**
	 * Start the JVM, send its configuration and wait until it is ready.
	 * @return {@code null} once ready, or the failure
	 */
	@Nullable WorkerStartException launch() {
		Process process;
		try {
			ProcessBuilder builder = new ProcessBuilder(this.config.command().command(this.config.name(), this.id));
			WorkerCommand.prepareEnvironment(builder.environment(), this.config.environment());
			process = builder.start();
		}
		catch (IOException | UncheckedIOException | SecurityException ex) {
			return new WorkerStartException("Worker " + this.workerName + " could not be launched with "
					+ this.config.command().describe() + ": " + ex.getMessage(), null, List.of(), ex);
		}
		this.pid = process.pid();
		this.process = process;
		// Whoever ended the worker or timed out its start before the process was published
		// found nothing to kill: both fields are volatile, so either they see the process
		// or this thread sees their decision.
		if (this.ending.get() != null || this.startTimedOut) {
			process.destroyForcibly();
		}
		WorkerOutput stderr = new WorkerOutput(this.workerName, process.getErrorStream());
		stderr.start();
		this.stderr = stderr;
		this.stdin = process.getOutputStream();
		FrameReader stdout = new FrameReader(process.getInputStream(), this.config.maxMessageSize(), true);
		this.stdout = stdout;
		String problem;
		Throwable cause = null;
		try {
			configFrame().writeTo(process.getOutputStream());
			Frame frame = stdout.read();
			if (frame != null && frame.type() == FrameType.READY) {
				return null;
			}
			if (frame == null) {
				problem = "it exited before it was ready";
			}
			else if (frame.type() == FrameType.ERROR) {
				FailureReport report = FailureReport.decode(frame);
				problem = (report.message() != null) ? report.message() : "it failed to initialize";
				cause = report.error();
			}
			else {
				problem = "it broke the channel protocol: it sent " + frame.type() + " before it was ready";
				process.destroyForcibly();
			}
		}
		catch (ProtocolException ex) {
			problem = "it broke the channel protocol before it was ready: " + ex.getMessage();
			process.destroyForcibly();
		}
		catch (IOException ex) {
			problem = "it exited before it was ready";
		}
		Integer exitCode = awaitExit(process);
		if (this.startTimedOut) {
			problem = "it was not ready within start-timeout (" + this.config.startTimeout() + ")";
			exitCode = null;
		}
		return new WorkerStartException("Worker " + this.workerName + " (pid " + this.pid + ") could not start: "
				+ problem, exitCode, stderr.awaitTail(STDERR_DRAIN), cause);
	}

	private FrameBuffer configFrame() {
		ObjectFilters filters = this.config.codec().filters();
		return new WorkerConfig(WorkerConfig.PROTOCOL_VERSION, this.config.name(), this.id, filters.allowedClasses(),
				this.config.maxMessageSize(), filters.maxDepth(), this.config.initializer(), this.config.finalizer())
			.encode();
	}

	/**
	 * Mark the worker as not ready within the start timeout, and kill it. Called under
	 * the pool lock.
	 */
	void startTimedOut() {
		this.startTimedOut = true;
		destroy();
	}

	boolean hasStartTimedOut() {
		return this.startTimedOut;
	}

	// ---- serving

	/**
	 * Read the worker's answers until its channel closes, then report its end.
	 */
	void serve() {
		FrameReader stdout = this.stdout;
		try {
			while (stdout != null) {
				Frame frame = stdout.read();
				if (frame == null) {
					break;
				}
				if (frame.type() != FrameType.RESULT && frame.type() != FrameType.ERROR) {
					brokeChannel("sent an unexpected " + frame.type() + " frame");
					break;
				}
				if (!this.pool.answered(this, frame)) {
					brokeChannel("sent " + frame.type() + " without a task");
					break;
				}
			}
		}
		catch (ProtocolException ex) {
			brokeChannel(ex.getMessage());
		}
		catch (IOException ex) {
			// closed inside a frame: the worker died while writing
		}
		catch (RuntimeException | Error ex) {
			brokeChannel("the pool failed to read the channel: " + ex);
			throw ex;
		}
		finally {
			exited();
		}
	}

	private void brokeChannel(@Nullable String problem) {
		this.channelProblem = problem;
		this.pool.retire(this, WorkerExitReason.PROTOCOL_ERROR);
		destroy();
	}

	private void exited() {
		Process process = this.process;
		this.pool.retire(this, WorkerExitReason.CRASH);
		Integer exitCode = null;
		if (process != null) {
			closeStdin();
			exitCode = awaitExit(process);
			if (exitCode == null && this.ending.compareAndSet(WorkerExitReason.CRASH, WorkerExitReason.PROTOCOL_ERROR)) {
				this.channelProblem = "closed its end of the channel without exiting";
			}
		}
		WorkerOutput stderr = this.stderr;
		List<String> tail = (stderr != null) ? stderr.awaitTail(STDERR_DRAIN) : List.of();
		WorkerExitReason reason = this.ending.get();
		this.pool.ended(this, (reason != null) ? reason : WorkerExitReason.CRASH, exitCode, tail, this.channelProblem);
	}

	/**
	 * Wait for the process to exit on its own; kill it if it does not.
	 * @return its exit code, or {@code null} if it had to be killed
	 */
	private static @Nullable Integer awaitExit(Process process) {
		try {
			if (process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
				return process.exitValue();
			}
			process.destroyForcibly();
			process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		return null;
	}

	// ---- writing to the worker

	/**
	 * Send a task. A worker that died meanwhile fails the task through its own thread,
	 * which finds the closed channel.
	 * @param task the task, already assigned to this worker
	 */
	void send(ProcessTask<?> task) {
		write(task.takeFrame());
	}

	/**
	 * Tell an idle worker to run its finalizer and exit.
	 */
	void sendStop() {
		write(STOP);
	}

	private void write(FrameBuffer frame) {
		try {
			synchronized (this.writeLock) {
				OutputStream stdin = this.stdin;
				if (stdin == null) {
					throw new IOException("not launched");
				}
				frame.writeTo(stdin);
			}
		}
		catch (IOException ex) {
			// Dead or dying: make sure, and let its thread find the closed channel.
			destroy();
		}
	}

	private void closeStdin() {
		try {
			synchronized (this.writeLock) {
				OutputStream stdin = this.stdin;
				if (stdin != null) {
					stdin.close();
				}
			}
		}
		catch (IOException ex) {
			// already closed
		}
	}

	/**
	 * Kill the JVM at once. Its thread notices and reports the end.
	 */
	void destroy() {
		this.destroyed = true;
		Process process = this.process;
		if (process != null) {
			process.destroyForcibly();
		}
	}

	/**
	 * Return whether the JVM was killed (or, not yet launched, is to be).
	 * @return {@code true} once {@link #destroy()} was called
	 */
	boolean destroyed() {
		return this.destroyed;
	}

	/**
	 * Return whether the JVM runs.
	 * @return {@code true} if it was launched and has not exited
	 */
	boolean alive() {
		Process process = this.process;
		return process != null && process.isAlive();
	}

	@Override
	public String toString() {
		return "Worker[" + this.workerName + ", pid " + this.pid + "]";
	}

}
