package io.github.pools.autoconfigure.event;

import io.github.pools.PoolManager;
import io.github.pools.PoolStats;

import org.springframework.context.ApplicationEvent;

/**
 * Base class of the application events about a pool, published by
 * {@link PoolEventPublisher}. The source is the pool; the event carries a snapshot of its
 * statistics taken when the event was published.
 * <p>
 * Events are published synchronously on the thread that caused them (a submitting
 * thread, a worker or a supervisor), at most once per window for each kind and pool.
 * Keep listeners quick, or make them {@code @Async}.
 */
public abstract class PoolEvent extends ApplicationEvent {

	private final PoolStats stats;

	/**
	 * Create a new instance.
	 * @param pool the pool the event is about
	 * @param stats the pool's statistics when the event was published
	 */
	protected PoolEvent(PoolManager pool, PoolStats stats) {
		super(pool);
		this.stats = stats;
	}

	/**
	 * Return the pool the event is about.
	 * @return the pool
	 */
	public PoolManager getPool() {
		return (PoolManager) getSource();
	}

	/**
	 * Return the name of the pool the event is about.
	 * @return the pool name
	 */
	public String getPoolName() {
		return this.stats.name();
	}

	/**
	 * Return the pool's statistics when the event was published.
	 * @return the snapshot
	 */
	public PoolStats getStats() {
		return this.stats;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[pool=" + getPoolName() + "]";
	}

}
