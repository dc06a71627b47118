package io.github.pools;

import org.jspecify.annotations.Nullable;

/**
 * Thrown at submit when a task's type does not match the one task type a pool
 * accepts, including a task without a type given to a typed pool. Nothing is queued.
 * This is how a pool stays reserved for its work: a slow report job can never end up
 * in the pool that serves requests.
 */
public class UnknownTaskTypeException extends TaskRejectedException {

	private final String poolTaskType;

	private final @Nullable String taskType;

	/**
	 * Create a new instance.
	 * @param poolName the name of the pool
	 * @param poolTaskType the one task type the pool accepts
	 * @param taskType the task type given at submit, or {@code null} if none was given
	 */
	public UnknownTaskTypeException(String poolName, String poolTaskType, @Nullable String taskType) {
		super(poolName, RejectionReason.TASK_TYPE, message(poolName, poolTaskType, taskType));
		this.poolTaskType = poolTaskType;
		this.taskType = taskType;
	}

	private static String message(String poolName, String poolTaskType, @Nullable String taskType) {
		String given = (taskType != null) ? "a task of type '" + taskType + "'" : "a task without a task type";
		return "Pool '" + poolName + "' accepts only tasks of type '" + poolTaskType + "' and refused " + given;
	}

	/**
	 * Return the task type the pool accepts.
	 * @return the pool's task type
	 */
	public String getPoolTaskType() {
		return this.poolTaskType;
	}

	/**
	 * Return the task type that was given at submit.
	 * @return the given task type, or {@code null} if the task had none
	 */
	public @Nullable String getTaskType() {
		return this.taskType;
	}

}
