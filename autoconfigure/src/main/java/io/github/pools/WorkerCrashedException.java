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

	private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");

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
		this(poolName, workerId, pid, exitCode, stderrTail, whatHappened, false);
	}

	/**
	 * Create a new instance that says what happened to the worker and whether the pool
	 * itself killed it. Only then is an exit code above 128 known to come from a signal:
	 * Java reports a worker killed by signal {@code N} with exit code {@code 128 + N},
	 * exactly as one that called {@code halt(128 + N)}.
	 * @param poolName the pool of the worker
	 * @param workerId the pool-local id of the worker
	 * @param pid the process id of the worker JVM
	 * @param exitCode the worker's exit code, or {@code null} if unknown
	 * @param stderrTail the last lines the worker wrote to its standard error
	 * @param whatHappened what happened, completing "Worker 2 (pid 123) of pool 'render'
	 * ...", for example {@code broke the channel protocol and was killed}
	 * @param killedByPool whether the pool killed the worker itself
	 */
	public WorkerCrashedException(String poolName, int workerId, long pid, @Nullable Integer exitCode,
			List<String> stderrTail, String whatHappened, boolean killedByPool) {
		super(message(poolName, workerId, pid, exitCode, stderrTail, whatHappened, killedByPool));
		this.poolName = poolName;
		this.workerId = workerId;
		this.pid = pid;
		this.exitCode = exitCode;
		this.stderrTail = List.copyOf(stderrTail);
	}

	private static String message(String poolName, int workerId, long pid, @Nullable Integer exitCode,
			List<String> stderrTail, String whatHappened, boolean killedByPool) {
		StringBuilder message = new StringBuilder("Worker ").append(workerId)
			.append(" (pid ")
			.append(pid)
			.append(") of pool '")
			.append(poolName)
			.append("' ")
			.append(whatHappened);
		if (exitCode != null) {
			message.append(", exit code ").append(exitCode).append(exitCodeReading(exitCode, killedByPool));
		}
		if (!stderrTail.isEmpty()) {
			message.append("; last lines of its stderr:");
			stderrTail.forEach((line) -> message.append("\n  ").append(line));
		}
		return message.toString();
	}

	/**
	 * Say what an exit code means, when it may come from a signal. Java reports a process
	 * killed by signal {@code N} with exit code {@code 128 + N}, the same code as a
	 * process that called {@code exit} or {@code halt(128 + N)}, so the signal is known
	 * only when the pool sent it; otherwise both readings are named.
	 * @param exitCode the exit code
	 * @param killedByPool whether the pool killed the worker itself
	 * @return the reading in parentheses, after a space, or an empty string
	 */
	static String exitCodeReading(int exitCode, boolean killedByPool) {
		int signal = exitCode - 128;
		if (signal < 1 || signal > 64 || WINDOWS) {
			return "";
		}
		String name = signalName(signal);
		String signalText = "signal " + signal + ((name != null) ? ", " + name : "");
		if (killedByPool) {
			return " (killed by " + signalText + ")";
		}
		return " (the worker called exit or halt(" + exitCode + "), or it was killed by " + signalText + ")";
	}

	/** The names of the signals whose numbers are the same on Linux and macOS. */
	private static @Nullable String signalName(int signal) {
		return switch (signal) {
			case 1 -> "SIGHUP";
			case 2 -> "SIGINT";
			case 3 -> "SIGQUIT";
			case 4 -> "SIGILL";
			case 5 -> "SIGTRAP";
			case 6 -> "SIGABRT";
			case 8 -> "SIGFPE";
			case 9 -> "SIGKILL";
			case 11 -> "SIGSEGV";
			case 13 -> "SIGPIPE";
			case 14 -> "SIGALRM";
			case 15 -> "SIGTERM";
			default -> null;
		};
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
	 * Return the worker's exit code. On Unix, a worker killed by signal {@code N} exits
	 * with {@code 128 + N}, the same code as one that called {@code halt(128 + N)}.
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
