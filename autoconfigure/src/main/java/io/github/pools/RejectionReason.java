package io.github.pools;

/**
 * Why a pool refused a task at submit. Used as the {@code reason} tag of the
 * {@code pools.tasks.rejected} meter.
 */
public enum RejectionReason {

	/**
	 * The task's type is not the pool's task type.
	 */
	TASK_TYPE("task-type"),

	/**
	 * Every worker is busy and the queue is full; the pool's rejection policy applied.
	 */
	SATURATED("saturated"),

	/**
	 * The pool is not running: not started yet, stopping or stopped.
	 */
	SHUTDOWN("shutdown"),

	/**
	 * The pool is broken: its workers cannot start.
	 */
	BROKEN("broken");

	private final String tagValue;

	RejectionReason(String tagValue) {
		this.tagValue = tagValue;
	}

	/**
	 * Return the lowercase, hyphenated form used in meter tags and JSON.
	 * @return the tag value, for example {@code task-type}
	 */
	public String tagValue() {
		return this.tagValue;
	}

}
