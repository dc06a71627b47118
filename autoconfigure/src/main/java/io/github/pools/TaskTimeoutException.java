package io.github.pools;

import java.time.Duration;

/**
 * A task of a process pool ran longer than the pool's task timeout. Its worker JVM was
 * killed, so the task really stopped; a fresh worker replaces it.
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
