package io.github.pools.autoconfigure.event;

import io.github.pools.PoolManager;
import io.github.pools.PoolStats;
import io.github.pools.RejectionReason;

/**
 * Published when a pool refuses a task because it is saturated: every worker is busy and
 * the queue is full ({@link RejectionReason#SATURATED}, whatever the rejection policy
 * then did with the task). Published for the first such refusal and then at most once
 * per {@code pools.management.events.window} for the same pool, however many follow.
 */
public class PoolSaturatedEvent extends PoolEvent {

	/**
	 * Create a new instance.
	 * @param pool the saturated pool
	 * @param stats the pool's statistics
	 */
	public PoolSaturatedEvent(PoolManager pool, PoolStats stats) {
		super(pool, stats);
	}

}
