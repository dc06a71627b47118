package io.github.pools.process.channel;

import org.jspecify.annotations.Nullable;

/**
 * The kinds of frame, each with the one-byte code it has on the wire. The first three
 * go from the pool to a worker, the others from a worker to the pool; a reader accepts
 * only the kinds of its direction.
 */
public enum FrameType {

	/**
	 * Pool to worker, first frame: the worker's settings, initializer and finalizer
	 * ({@link WorkerConfig}).
	 */
	CONFIG(1),

	/**
	 * Pool to worker: a serialized task to run.
	 */
	TASK(2),

	/**
	 * Pool to worker: run the finalizer and exit. Sent only to an idle worker.
	 */
	STOP(3),

	/**
	 * Worker to pool: the initializer ran and the worker takes tasks. Empty payload.
	 */
	READY(10),

	/**
	 * Worker to pool: the serialized result of the task.
	 */
	RESULT(11),

	/**
	 * Worker to pool: the task, its result or the initializer failed
	 * ({@link FailureReport}).
	 */
	ERROR(12);

	private static final FrameType[] BY_CODE = new FrameType[256];

	static {
		for (FrameType type : values()) {
			BY_CODE[type.code] = type;
		}
	}

	private final byte code;

	FrameType(int code) {
		this.code = (byte) code;
	}

	/**
	 * Return the byte that stands for this type on the wire.
	 * @return the code
	 */
	public byte code() {
		return this.code;
	}

	/**
	 * Return whether frames of this type travel from the pool to a worker.
	 * @return {@code true} for {@link #CONFIG}, {@link #TASK} and {@link #STOP}
	 */
	public boolean toWorker() {
		return this.code < READY.code;
	}

	static @Nullable FrameType of(byte code) {
		return BY_CODE[code & 0xFF];
	}

}
