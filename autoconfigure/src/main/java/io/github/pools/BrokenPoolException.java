package io.github.pools;

import org.jspecify.annotations.Nullable;

/**
 * Signals that a pool is broken: its workers cannot start, or their initializer
 * fails. Thrown at submit (nothing is queued) and by {@link PoolManager#check()};
 * tasks that were queued when the pool broke complete exceptionally with it. The
 * cause, when known, is the last start or initializer failure.
 */
public class BrokenPoolException extends TaskRejectedException {

	/**
	 * Create a new instance.
	 * @param poolName the name of the broken pool
	 * @param message the detail message
	 * @param cause the failure that broke the pool, or {@code null}
	 */
	public BrokenPoolException(String poolName, String message, @Nullable Throwable cause) {
		super(poolName, RejectionReason.BROKEN, message, cause);
	}

}
