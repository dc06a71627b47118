package io.github.pools;

import java.time.Duration;

/**
 * A task ran longer than its pool's task timeout. For a process pool, its worker JVM
 * was killed, so the task really stopped; a fresh worker replaces it. For a cluster
 * pool, the task was cancelled on its member.
 */
public class TaskTimeoutException extends RuntimeException {

	private final String poolName;

	private final Duration timeout;

	/**
	 * Create a new instance.
	 * @param poolName the pool of the task
	 * @param workerId the pool-local id of the worker that was killed
	 * @param pid the process id of the worker that was killed
	 * @param timeout the task timeout that passed
	 */
	public TaskTimeoutException(String poolName, int workerId, long pid, Duration timeout) {
		super("Task in pool '" + poolName + "' ran longer than its task-timeout of " + timeout + "; worker "
				+ workerId + " (pid " + pid + ") was killed");
		this.poolName = poolName;
		this.timeout = timeout;
	}

	/**
	 * Create a new instance with a message of the pool's own.
	 * @param poolName the pool of the task
	 * @param timeout the task timeout that passed
	 * @param message what happened to the task
	 */
	public TaskTimeoutException(String poolName, Duration timeout, String message) {
		super(message);
		this.poolName = poolName;
		this.timeout = timeout;
	}

	/**
	 * Return the pool of the task.
	 * @return the pool name
	 */
	public String getPoolName() {
		return this.poolName;
	}

	/**
	 * Return the task timeout that passed.
	 * @return the timeout
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

}
