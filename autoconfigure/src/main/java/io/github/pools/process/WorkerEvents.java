package io.github.pools.process;

import java.lang.System.Logger.Level;

import io.github.pools.WorkerExitReason;
import org.jspecify.annotations.Nullable;

/**
 * The log lines of a process pool about its workers, on the {@link System.Logger} of
 * {@link ProcessPoolManager}.
 */
final class WorkerEvents {

	private static final System.Logger logger = System.getLogger(ProcessPoolManager.class.getName());

	private WorkerEvents() {
	}

	static void logExit(String pool, PooledWorker worker, WorkerExitReason reason, @Nullable Integer exitCode,
			boolean hadTask, @Nullable String channelProblem, PoolConfig config) {
		String task = hadTask ? " while running a task" : "";
		switch (reason) {
			case CRASH -> logger.log(Level.WARNING, "Worker " + worker + " of pool '" + pool + "' died" + task
					+ ((exitCode != null) ? " with exit code " + exitCode : ""));
			case PROTOCOL_ERROR -> logger.log(Level.ERROR, "Worker " + worker + " of pool '" + pool
					+ "' broke the channel protocol" + task + " and was killed: " + channelProblem);
			case TIMEOUT -> logger.log(Level.WARNING, "Worker " + worker + " of pool '" + pool
					+ "' was killed: its task ran longer than task-timeout (" + config.taskTimeout() + ")");
			default -> logger.log(Level.DEBUG, () -> "Worker " + worker + " of pool '" + pool + "' ended: " + reason);
		}
	}

	static void logOverdue(String pool, PooledWorker worker, @Nullable WorkerExitReason reason, PoolConfig config) {
		WorkerProcess process = worker.process();
		if (process != null && process.isAlive()) {
			logger.log(Level.WARNING, "Worker " + worker + " of pool '" + pool + "' was killed: it had not exited "
					+ "start-timeout (" + config.startTimeout() + ") after it was retired (" + reason
					+ "); a finalizer or shutdown hook may hang");
		}
	}

	static void logReady(String pool, PooledWorker worker) {
		logger.log(Level.DEBUG, () -> "Worker " + worker + " of pool '" + pool + "' is ready");
	}

	static void logStartFailure(String pool, String command, WorkerStartException failure, boolean counted) {
		if (counted) {
			logger.log(Level.ERROR,
					"Pool '" + pool + "' could not start a worker with " + command + ": " + failure.getMessage());
		}
		else {
			logger.log(Level.WARNING, "Pool '" + pool + "' lost a starting worker, killed from outside; it starts "
					+ "another: " + failure.getMessage());
		}
	}

}
