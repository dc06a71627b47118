package io.github.pools.process;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The one thread per pool that acts on time: it kills workers whose task outlived the
 * task timeout, workers not ready within the start timeout and workers told to stop that
 * have not exited within the start timeout, and retires workers idle for longer than the
 * idle timeout above the core size.
 * <p>
 * Tasks never wake it. It sleeps until the earliest deadline it knows of, but never
 * longer than the shortest timeout: every deadline that appears while it sleeps is at
 * least one timeout away, so it cannot be missed, and the submit path stays free of
 * timer bookkeeping.
 */
final class Supervisor implements Runnable {

	private final WorkerPool pool;

	private final Thread thread;

	private volatile boolean finished;

	Supervisor(WorkerPool pool) {
		this.pool = pool;
		this.thread = new Thread(this, pool.name() + "-supervisor");
		this.thread.setDaemon(true);
	}

	void start() {
		this.thread.start();
	}

	/**
	 * Make the supervisor look again now, after a change that may bring a deadline
	 * closer (a resize, a stop).
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
				sleepNanos = this.pool.supervise(System.nanoTime());
			}
			catch (RuntimeException | Error ex) {
				// keep supervising: a dead supervisor would let tasks run forever
				System.getLogger(Supervisor.class.getName())
					.log(System.Logger.Level.ERROR, "Supervisor of pool '" + this.pool.name() + "' failed", ex);
				sleepNanos = TimeUnit.SECONDS.toNanos(1);
			}
			if (sleepNanos < 0) {
				return;
			}
			LockSupport.parkNanos(this, Math.max(sleepNanos, TimeUnit.MILLISECONDS.toNanos(1)));
		}
	}

}
