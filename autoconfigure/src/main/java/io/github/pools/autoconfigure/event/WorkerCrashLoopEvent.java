package io.github.pools.autoconfigure.event;

import java.time.Duration;

import io.github.pools.PoolManager;
import io.github.pools.PoolStats;
import io.github.pools.WorkerExitReason;

/**
 * Published when the worker JVMs of a process pool keep crashing: at least
 * {@code pools.management.events.crash-loop-threshold} {@link WorkerExitReason#CRASH
 * crash} exits (3 by default) within {@code pools.management.events.crash-loop-window}
 * (one minute by default). Timeouts, cancellations and recycling are not crashes.
 * Published at most once per crash-loop window for the same pool.
 */
public class WorkerCrashLoopEvent extends PoolEvent {

	private final int crashes;

	private final Duration window;

	private final long lastPid;

	/**
	 * Create a new instance.
	 * @param pool the process pool
	 * @param stats the pool's statistics
	 * @param crashes the number of crashes that made the loop
	 * @param window the time within which they happened
	 * @param lastPid the process id of the worker that crashed last
	 */
	public WorkerCrashLoopEvent(PoolManager pool, PoolStats stats, int crashes, Duration window, long lastPid) {
		super(pool, stats);
		this.crashes = crashes;
		this.window = window;
		this.lastPid = lastPid;
	}

	/**
	 * Return the number of crashes that made the loop: the threshold.
	 * @return the crash count
	 */
	public int getCrashes() {
		return this.crashes;
	}

	/**
	 * Return the time within which the crashes happened.
	 * @return the window
	 */
	public Duration getWindow() {
		return this.window;
	}

	/**
	 * Return the process id of the worker that crashed last.
	 * @return the pid
	 */
	public long getLastPid() {
		return this.lastPid;
	}

}
