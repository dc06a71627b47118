package io.github.pools;

/**
 * A task or its result could not cross between the application and a worker JVM: it is
 * not serializable, a class in it is refused by the pool's deserialization allow-list,
 * or it exceeds the pool's size or depth limits. Thrown at submit for a task (nothing
 * is queued), or completes the future for a result.
 */
public class TaskSerializationException extends RuntimeException {

	/**
	 * Create a new instance.
	 * @param message what could not be serialized or deserialized, and how to fix it
	 * @param cause the underlying exception
	 */
	public TaskSerializationException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * Create a new instance without a cause.
	 * @param message what could not be serialized or deserialized, and how to fix it
	 */
	public TaskSerializationException(String message) {
		super(message);
	}

}
