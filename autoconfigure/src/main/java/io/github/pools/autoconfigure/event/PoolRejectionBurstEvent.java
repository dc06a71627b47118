package io.github.pools.autoconfigure.event;

import java.time.Duration;

import io.github.pools.PoolManager;
import io.github.pools.PoolStats;

/**
 * Published when a pool refuses many tasks in a short time, for any reason (wrong task
 * type, saturation, stopped, broken): at least
 * {@code pools.management.events.rejection-burst-threshold} refusals (100 by default)
 * within {@code pools.management.events.window} (10 seconds by default). Published at
 * most once per window for the same pool; {@link PoolStats#rejected()} of the snapshot
 * tells the reasons.
 */
public class PoolRejectionBurstEvent extends PoolEvent {

	private final int rejections;

	private final Duration window;

	/**
	 * Create a new instance.
	 * @param pool the pool
	 * @param stats the pool's statistics
	 * @param rejections the number of refusals that made the burst
	 * @param window the time within which they happened
	 */
	public PoolRejectionBurstEvent(PoolManager pool, PoolStats stats, int rejections, Duration window) {
		super(pool, stats);
		this.rejections = rejections;
		this.window = window;
	}

	/**
	 * Return the number of refusals that made the burst: the threshold.
	 * @return the rejection count
	 */
	public int getRejections() {
		return this.rejections;
	}

	/**
	 * Return the time within which the refusals happened.
	 * @return the window
	 */
	public Duration getWindow() {
		return this.window;
	}

}
