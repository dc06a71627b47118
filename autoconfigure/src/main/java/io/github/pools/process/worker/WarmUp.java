package io.github.pools.process.worker;

import io.github.pools.SerializableCallable;

/**
 * The task a worker serializes and deserializes once in the background after it is
 * ready, to load and bootstrap what every task needs (see {@code Worker.warmUp}).
 */
final class WarmUp {

	private WarmUp() {
	}

	/** A task as users write them: it captures a value and returns one. */
	static SerializableCallable<Object> task() {
		int captured = 7;
		return () -> new Object[] { captured, captured, captured, captured, captured, captured, captured, captured };
	}

}
