package io.github.pools;

import java.util.concurrent.RejectedExecutionException;

/**
 * Thrown at submit when a pool refuses a task. Nothing was queued: the task will not
 * run and no future was handed out. The refusal is counted in the pool's statistics
 * under its {@link #getReason() reason}.
 */
public class TaskRejectedException extends RejectedExecutionException {

	private final String poolName;

	private final RejectionReason reason;

	/**
	 * Create a new instance.
	 * @param poolName the name of the pool that refused the task
	 * @param reason why the task was refused
	 * @param message the detail message
	 */
	public TaskRejectedException(String poolName, RejectionReason reason, String message) {
		this(poolName, reason, message, null);
	}

	/**
	 * Create a new instance with a cause.
	 * @param poolName the name of the pool that refused the task
	 * @param reason why the task was refused
	 * @param message the detail message
	 * @param cause the cause, or {@code null}
	 */
	public TaskRejectedException(String poolName, RejectionReason reason, String message,
			@org.jspecify.annotations.Nullable Throwable cause) {
		super(message, cause);
		this.poolName = poolName;
		this.reason = reason;
	}

	/**
	 * Return the name of the pool that refused the task.
	 * @return the pool name
	 */
	public String getPoolName() {
		return this.poolName;
	}

	/**
	 * Return why the task was refused.
	 * @return the reason
	 */
	public RejectionReason getReason() {
		return this.reason;
	}

}
