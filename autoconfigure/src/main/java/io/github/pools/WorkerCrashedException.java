package io.github.pools;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The worker JVM running a task died before it answered: it was killed, called
 * {@code System.exit} or {@code halt}, ran out of memory or crashed in native code.
 * Only the task that worker held fails with this exception; the pool replaces the
 * worker and goes on.
 */
public class WorkerCrashedException extends RuntimeException {

	private final String poolName;

	private final int workerId;

	private final long pid;

	private final @Nullable Integer exitCode;

	private final List<String> stderrTail;

	/**
	 * Create a new instance.
	 * @param poolName the pool of the worker
	 * @param workerId the pool-local id of the worker
	 * @param pid the process id of the worker JVM
	 * @param exitCode the worker's exit code, or {@code null} if unknown
	 * @param stderrTail the last lines the worker wrote to its standard error
	 */
	public WorkerCrashedException(String poolName, int workerId, long pid, @Nullable Integer exitCode,
			List<String> stderrTail) {
		this(poolName, workerId, pid, exitCode, stderrTail, "died while running the task");
	}

	/**
	 * Create a new instance that says what happened to the worker, for a worker that did
	 * not simply die: for example one that broke the channel protocol and was killed.
	 * @param poolName the pool of the worker
	 * @param workerId the pool-local id of the worker
	 * @param pid the process id of the worker JVM
	 * @param exitCode the worker's exit code, or {@code null} if unknown
	 * @param stderrTail the last lines the worker wrote to its standard error
	 * @param whatHappened what happened, completing "Worker 2 (pid 123) of pool 'render'
	 * ...", for example {@code broke the channel protocol and was killed}
	 */
	public WorkerCrashedException(String poolName, int workerId, long pid, @Nullable Integer exitCode,
			List<String> stderrTail, String whatHappened) {
		super(message(poolName, workerId, pid, exitCode, stderrTail, whatHappened));
		this.poolName = poolName;
		this.workerId = workerId;
		this.pid = pid;
		this.exitCode = exitCode;
		this.stderrTail = List.copyOf(stderrTail);
	}

	private static String message(String poolName, int workerId, long pid, @Nullable Integer exitCode,
			List<String> stderrTail, String whatHappened) {
		StringBuilder message = new StringBuilder("Worker ").append(workerId)
			.append(" (pid ")
			.append(pid)
			.append(") of pool '")
			.append(poolName)
			.append("' ")
			.append(whatHappened);
		if (exitCode != null) {
			message.append(", exit code ").append(exitCode);
			if (exitCode > 128) {
				message.append(" (signal ").append(exitCode - 128).append(')');
			}
		}
		if (!stderrTail.isEmpty()) {
			message.append("; last lines of its stderr:");
			stderrTail.forEach((line) -> message.append("\n  ").append(line));
		}
		return message.toString();
	}

	/**
	 * Return the pool of the worker.
	 * @return the pool name
	 */
	public String getPoolName() {
		return this.poolName;
	}

	/**
	 * Return the pool-local id of the worker.
	 * @return the worker id
	 */
	public int getWorkerId() {
		return this.workerId;
	}

	/**
	 * Return the process id of the worker JVM.
	 * @return the pid
	 */
	public long getPid() {
		return this.pid;
	}

	/**
	 * Return the worker's exit code; above 128 it died of signal {@code code - 128}.
	 * @return the exit code, or {@code null} if unknown
	 */
	public @Nullable Integer getExitCode() {
		return this.exitCode;
	}

	/**
	 * Return the last lines the worker wrote to its standard error.
	 * @return the lines, oldest first
	 */
	public List<String> getStderrTail() {
		return this.stderrTail;
	}

}
