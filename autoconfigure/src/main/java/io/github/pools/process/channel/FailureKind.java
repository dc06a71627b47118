package io.github.pools.process.channel;

import org.jspecify.annotations.Nullable;

/**
 * What failed in a worker, as reported in an {@link FrameType#ERROR} frame.
 */
public enum FailureKind {

	/**
	 * The task threw; the pool completes its future with a
	 * {@link io.github.pools.RemoteTaskException}.
	 */
	TASK_FAILED(1),

	/**
	 * The worker could not deserialize the task: a class refused by the allow-list or
	 * missing from the worker's class path, or a limit exceeded.
	 */
	TASK_UNREADABLE(2),

	/**
	 * The task's result could not be serialized, or exceeds the size limit.
	 */
	RESULT_UNWRITABLE(3),

	/**
	 * The worker could not start: its initializer failed, or its configuration could not
	 * be read. The worker exits after reporting it.
	 */
	INIT_FAILED(4);

	private final int code;

	FailureKind(int code) {
		this.code = code;
	}

	int code() {
		return this.code;
	}

	static @Nullable FailureKind of(int code) {
		for (FailureKind kind : values()) {
			if (kind.code == code) {
				return kind;
			}
		}
		return null;
	}

}
