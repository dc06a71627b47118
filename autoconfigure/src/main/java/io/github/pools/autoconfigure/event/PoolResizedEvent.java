package io.github.pools.autoconfigure.event;

import io.github.pools.PoolManager;
import io.github.pools.PoolStats;

/**
 * Published every time a pool's core and maximum size change at runtime, from code or
 * through the pools endpoint. Resizes are deliberate, so they are not rate-limited.
 * {@link #getStats()} is the pool after the change, {@link #getPrevious()} before it.
 */
public class PoolResizedEvent extends PoolEvent {

	private final PoolStats previous;

	/**
	 * Create a new instance.
	 * @param pool the resized pool
	 * @param previous the pool's statistics before the change
	 * @param stats the pool's statistics after the change
	 */
	public PoolResizedEvent(PoolManager pool, PoolStats previous, PoolStats stats) {
		super(pool, stats);
		this.previous = previous;
	}

	/**
	 * Return the pool's statistics before the change.
	 * @return the snapshot before
	 */
	public PoolStats getPrevious() {
		return this.previous;
	}

}
