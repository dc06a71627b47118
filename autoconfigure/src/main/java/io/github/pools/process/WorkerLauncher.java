package io.github.pools.process;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.pools.PoolState;
import io.github.pools.WorkerExitReason;
import io.github.pools.process.WorkerPool.StartFailure;
import io.github.pools.process.channel.Frame;
import io.github.pools.process.channel.FrameType;
import io.github.pools.process.channel.ProtocolException;
import org.jspecify.annotations.Nullable;

/**
 * Runs each worker on a thread of its own: starts its process, hands it to the pool
 * once ready, reads its answers for as long as it lives, and reports its end.
 * <p>
 * <b>Failed starts.</b> A worker that cannot start (bad {@code jvm-args}, a missing
 * class, an initializer that throws, not ready within the start timeout) is logged and
 * counted, and another is started after a pause while a task still waits for one:
 * 100 ms, then 200 ms. The {@value #MAX_CONSECUTIVE_START_FAILURES}th failure in a row
 * breaks the pool: queued tasks fail, submits fail fast with
 * {@link io.github.pools.BrokenPoolException}, and one worker at a time keeps being
 * started, after pauses that double from 1 s up to 30 s, until one starts and the pool
 * runs again. A worker that ends before it is ready with the exit code of a JVM killed
 * by {@code SIGHUP}, {@code SIGINT}, {@code SIGKILL} or {@code SIGTERM} (129, 130, 137,
 * 143), when the pool did not kill it, was killed from outside: that says nothing about
 * the pool's configuration, so it is not a start failure, and another worker starts
 * after 100 ms.
 */
final class WorkerLauncher {

	/** Start failures in a row that break the pool. */
	static final int MAX_CONSECUTIVE_START_FAILURES = 3;

	private static final long RETRY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private static final long BROKEN_FIRST_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(1);

	private static final long BROKEN_MAX_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(30);

	/** Exit codes of a JVM ended by SIGHUP, SIGINT, SIGKILL or SIGTERM. */
	private static final Set<Integer> KILLED_BY_SIGNAL = Set.of(129, 130, 137, 143);

	private final WorkerPool pool;

	private final WorkerStarter starter;

	private final PoolConfig config;

	WorkerLauncher(WorkerPool pool, WorkerStarter starter, PoolConfig config) {
		this.pool = pool;
		this.starter = starter;
		this.config = config;
	}

	/**
	 * Start a worker on a new thread.
	 * @param worker the worker, {@link WorkerState#STARTING} in the pool
	 */
	void launch(PooledWorker worker) {
		Thread thread = new Thread(() -> run(worker), threadName(worker));
		thread.setDaemon(true);
		thread.start();
	}

	private String threadName(PooledWorker worker) {
		return this.config.name() + "-worker-" + worker.id;
	}

	private void run(PooledWorker first) {
		PooledWorker worker = first;
		while (worker != null) {
			Thread.currentThread().setName(threadName(worker));
			WorkerStartException failure = null;
			try {
				WorkerProcess process = this.starter.start(worker.id);
				worker.attach(process);
				process.awaitReady();
				if (this.pool.ready(worker)) {
					WorkerEvents.logReady(this.config.name(), worker);
					serve(worker, process);
					return;
				}
			}
			catch (WorkerStartException ex) {
				failure = ex;
			}
			worker = startFailed(worker, failure);
		}
	}

	/**
	 * Account for a failed start, break the pool after too many in a row, and pause.
	 * @param failure the failure, or {@code null} if the worker became ready just after
	 * its start timed out
	 * @return the worker to start next on this thread, or {@code null}
	 */
	private @Nullable PooledWorker startFailed(PooledWorker worker, @Nullable WorkerStartException failure) {
		boolean killedFromOutside = failure != null && !worker.killed() && failure.getExitCode() != null
				&& KILLED_BY_SIGNAL.contains(failure.getExitCode());
		StartFailure seen = this.pool.startFailed(worker, !killedFromOutside);
		if (seen.aborted()) {
			return null;
		}
		WorkerStartException reported = (seen.timedOut() || failure == null) ? timedOut(worker, failure) : failure;
		WorkerEvents.logStartFailure(this.config.name(), this.starter.describe(), reported, !killedFromOutside);
		if (killedFromOutside) {
			return this.pool.retryAfter(RETRY_PAUSE_NANOS);
		}
		int inARow = seen.inARow();
		if (inARow >= MAX_CONSECUTIVE_START_FAILURES && this.pool.state() != PoolState.BROKEN) {
			this.pool.breakPool(new WorkerStartException("Pool '" + this.config.name() + "' failed to start a worker "
					+ inARow + " times in a row; the last attempt: " + reported.getMessage(), null, List.of(),
					reported));
		}
		return this.pool.retryAfter(pause(inARow));
	}

	/**
	 * Return the pause before the next start after failures in a row: 100 ms per
	 * failure, then, once the pool is broken, from 1 s doubling up to 30 s.
	 * @param inARow start failures in a row
	 * @return the pause in nanoseconds
	 */
	static long pause(int inARow) {
		if (inARow < MAX_CONSECUTIVE_START_FAILURES) {
			return RETRY_PAUSE_NANOS * inARow;
		}
		int doublings = Math.min(inARow - MAX_CONSECUTIVE_START_FAILURES, 5);
		return Math.min(BROKEN_FIRST_PAUSE_NANOS << doublings, BROKEN_MAX_PAUSE_NANOS);
	}

	private WorkerStartException timedOut(PooledWorker worker, @Nullable WorkerStartException failure) {
		return new WorkerStartException("Worker " + this.config.name() + "#" + worker.id + " (pid " + worker.pid()
				+ ") could not start: it was not ready within start-timeout (" + this.config.startTimeout() + ")",
				null, (failure != null) ? failure.getStderrTail() : List.of(), null);
	}

	/**
	 * Read the worker's answers until its channel closes, then report its end. Bytes
	 * that are not an answer to its task kill it as a protocol error.
	 */
	private void serve(PooledWorker worker, WorkerProcess process) {
		String problem = null;
		try {
			Frame frame;
			while ((frame = process.read()) != null) {
				if (frame.type() != FrameType.RESULT && frame.type() != FrameType.ERROR) {
					problem = "sent an unexpected " + frame.type() + " frame";
					break;
				}
				if (!this.pool.answered(worker, frame)) {
					problem = "sent " + frame.type() + " without a task";
					break;
				}
			}
		}
		catch (ProtocolException ex) {
			problem = String.valueOf(ex.getMessage());
		}
		catch (IOException ex) {
			// closed inside a frame: the worker died while writing
		}
		catch (RuntimeException | Error ex) {
			problem = "the pool failed to read the channel: " + ex;
			throw ex;
		}
		finally {
			if (problem != null) {
				this.pool.channelClosed(worker, WorkerExitReason.PROTOCOL_ERROR);
				worker.kill();
			}
			else {
				this.pool.channelClosed(worker, WorkerExitReason.CRASH);
			}
			this.pool.exited(worker, process.awaitExit(), problem);
		}
	}

}
