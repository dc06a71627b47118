package io.github.pools;

/**
 * Why a worker of a process pool ended. Used as the {@code reason} tag of the
 * {@code pools.workers.exited} meter.
 */
public enum WorkerExitReason {

	/**
	 * The worker JVM died on its own while it ran or waited for a task: killed,
	 * {@code System.exit}, an out-of-memory error or a native crash.
	 */
	CRASH("crash"),

	/**
	 * A task outlived the pool's task timeout and its worker was killed.
	 */
	TIMEOUT("timeout"),

	/**
	 * A running task was cancelled with {@code cancel(true)} and its worker was killed.
	 */
	CANCELLED("cancelled"),

	/**
	 * The worker wrote bytes that are not a valid frame and was killed.
	 */
	PROTOCOL_ERROR("protocol-error"),

	/**
	 * The worker ran its maximum number of tasks and was replaced.
	 */
	RECYCLED("recycled"),

	/**
	 * The worker was idle longer than the idle timeout while more than the core number
	 * of workers were alive.
	 */
	IDLE("idle"),

	/**
	 * The pool stopped.
	 */
	SHUTDOWN("shutdown");

	private final String tagValue;

	WorkerExitReason(String tagValue) {
		this.tagValue = tagValue;
	}

	/**
	 * Return the lowercase, hyphenated form used in meter tags and JSON.
	 * @return the tag value, for example {@code protocol-error}
	 */
	public String tagValue() {
		return this.tagValue;
	}

}
