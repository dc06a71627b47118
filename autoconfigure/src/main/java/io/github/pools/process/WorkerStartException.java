package io.github.pools.process;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A worker JVM of a process pool could not start: the {@code java} command failed, the
 * JVM refused its {@code jvm-args} or could not find the worker's main class, it exited
 * or broke the channel before it was ready, it was not ready within the pool's
 * {@code start-timeout}, or its initializer threw. Logged when it happens; after three
 * failures in a row the pool is broken and this exception is the cause of its
 * {@link io.github.pools.BrokenPoolException}.
 */
public class WorkerStartException extends RuntimeException {

	private final @Nullable Integer exitCode;

	private final List<String> stderrTail;

	/**
	 * Create a new instance.
	 * @param message what failed, with the worker and pool named
	 * @param exitCode the exit code of the worker JVM, or {@code null} if it did not exit
	 * on its own or never started
	 * @param stderrTail the last lines the worker wrote to its standard error
	 * @param cause the underlying failure, for example the initializer's exception as a
	 * {@link io.github.pools.RemoteTaskException}, or {@code null}
	 */
	public WorkerStartException(String message, @Nullable Integer exitCode, List<String> stderrTail,
			@Nullable Throwable cause) {
		super(message(message, exitCode, stderrTail), cause);
		this.exitCode = exitCode;
		this.stderrTail = List.copyOf(stderrTail);
	}

	private static String message(String message, @Nullable Integer exitCode, List<String> stderrTail) {
		StringBuilder text = new StringBuilder(message);
		if (exitCode != null) {
			text.append(" (exit code ").append(exitCode).append(')');
		}
		if (!stderrTail.isEmpty()) {
			text.append("; last lines of its stderr:");
			stderrTail.forEach((line) -> text.append("\n  ").append(line));
		}
		return text.toString();
	}

	/**
	 * Return the exit code of the worker JVM.
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
