package io.github.pools.process;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.github.pools.process.WorkerPool.Snapshot;

/**
 * The one thread per pool that acts on time, and the one place that knows each
 * timeout. From the state a worker is in and since when (see {@link WorkerState}):
 * <ul>
 * <li>a {@code STARTING} worker not ready within the start timeout is killed;</li>
 * <li>a {@code BUSY} worker whose task outlived the task timeout is killed, and its task
 * fails with {@link io.github.pools.TaskTimeoutException};</li>
 * <li>an {@code IDLE} worker above the core size that was idle for the idle timeout is
 * told to stop, longest idle first;</li>
 * <li>a {@code RETIRING} worker that has not exited within the start timeout of being
 * told to stop (its finalizer or a shutdown hook hangs) is killed.</li>
 * </ul>
 * It reads the workers without the pool's lock, and the pool acts only if the worker is
 * still in the state, since the time, it was seen in.
 * <p>
 * Tasks never wake it. It sleeps until the earliest deadline it knows of, but never
 * longer than the shortest timeout: every deadline that appears while it sleeps is at
 * least one timeout away, so it cannot be missed, and the submit path stays free of
 * timer bookkeeping.
 */
final class Supervisor implements Runnable {

	private static final long MAX_SLEEP_NANOS = TimeUnit.SECONDS.toNanos(10);

	private final WorkerPool pool;

	/** 0 for no task timeout. */
	private final long taskTimeoutNanos;

	private final long idleTimeoutNanos;

	private final long startTimeoutNanos;

	private final Thread thread;

	private volatile boolean finished;

	Supervisor(WorkerPool pool, PoolConfig config) {
		this.pool = pool;
		this.taskTimeoutNanos = (config.taskTimeout() != null) ? config.taskTimeout().toNanos() : 0L;
		this.idleTimeoutNanos = config.idleTimeout().toNanos();
		this.startTimeoutNanos = config.startTimeout().toNanos();
		this.thread = new Thread(this, config.name() + "-supervisor");
		this.thread.setDaemon(true);
	}

	void start() {
		this.thread.start();
	}

	/**
	 * Make the supervisor look again now, after a change that may bring a deadline
	 * closer (a resize, a worker ready above the core size).
	 */
	void wake() {
		LockSupport.unpark(this.thread);
	}

	void finish() {
		this.finished = true;
		wake();
	}

	@Override
	public void run() {
		while (!this.finished) {
			long sleepNanos;
			try {
				sleepNanos = supervise(System.nanoTime());
			}
			catch (RuntimeException | Error ex) {
				// keep supervising: a dead supervisor would let tasks run forever
				System.getLogger(Supervisor.class.getName())
					.log(Level.ERROR, "Supervisor of pool '" + this.pool.name() + "' failed", ex);
				sleepNanos = TimeUnit.SECONDS.toNanos(1);
			}
			if (sleepNanos < 0) {
				return;
			}
			LockSupport.parkNanos(this, Math.max(sleepNanos, TimeUnit.MILLISECONDS.toNanos(1)));
		}
	}

	/**
	 * Act on every deadline that has passed.
	 * @param now the current {@link System#nanoTime()}
	 * @return nanoseconds until the next look, or -1 once the pool has terminated
	 */
	long supervise(long now) {
		Snapshot snapshot = this.pool.snapshot();
		if (snapshot == null) {
			return -1;
		}
		Deadlines next = new Deadlines(now, Math.min(MAX_SLEEP_NANOS, this.startTimeoutNanos));
		List<Idle> idle = new ArrayList<>();
		for (PooledWorker worker : snapshot.workers()) {
			// Read without the lock; the pool confirms both under it before acting.
			WorkerState state = worker.state;
			long since = worker.sinceNanos;
			switch (state) {
				case STARTING -> {
					if (next.passed(since + this.startTimeoutNanos)) {
						this.pool.startTimedOut(worker, since);
					}
				}
				case BUSY -> {
					if (this.taskTimeoutNanos > 0 && next.passed(since + this.taskTimeoutNanos)) {
						this.pool.taskTimedOut(worker, since);
					}
				}
				case RETIRING -> {
					if (!worker.killed() && next.passed(since + this.startTimeoutNanos)) {
						this.pool.exitOverdue(worker, since); // killed ones: their thread reports the exit
					}
				}
				case IDLE -> idle.add(new Idle(worker, since));
				case EXITED -> {
				}
			}
		}
		if (this.taskTimeoutNanos > 0) {
			next.atMost(now + this.taskTimeoutNanos);
		}
		int excess = snapshot.ready() - snapshot.coreSize();
		if (excess > 0) {
			next.atMost(now + this.idleTimeoutNanos);
			idle.sort(Comparator.comparingLong(Idle::since));
			for (Idle longest : idle.subList(0, Math.min(excess, idle.size()))) {
				if (!next.passed(longest.since() + this.idleTimeoutNanos)) {
					break;
				}
				this.pool.idleExpired(longest.worker(), longest.since());
			}
		}
		return next.nanosFromNow();
	}

	private record Idle(PooledWorker worker, long since) {

	}

	/**
	 * The earliest deadline seen so far in a look over the workers.
	 */
	private static final class Deadlines {

		private final long now;

		private long earliest;

		Deadlines(long now, long longestSleepNanos) {
			this.now = now;
			this.earliest = now + longestSleepNanos;
		}

		/** Whether a deadline has passed; if not, it is a candidate for the next look. */
		boolean passed(long deadline) {
			if (this.now - deadline >= 0) {
				return true;
			}
			atMost(deadline);
			return false;
		}

		void atMost(long deadline) {
			if (deadline - this.earliest < 0) {
				this.earliest = deadline;
			}
		}

		long nanosFromNow() {
			return this.earliest - this.now;
		}

	}

}
