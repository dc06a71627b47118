package io.github.pools;

import org.jspecify.annotations.Nullable;

/**
 * A task threw an exception in a worker JVM. The exception crossed back as data, not
 * as a deserialized {@link Throwable}: its class name, message and stack trace are
 * here, and its cause is another {@code RemoteTaskException}. {@link #toString()} and
 * the stack trace read like those of the original exception.
 */
public class RemoteTaskException extends RuntimeException {

	private final String remoteClassName;

	private final @Nullable String remoteMessage;

	/**
	 * Create a new instance.
	 * @param remoteClassName the class name of the exception thrown in the worker
	 * @param remoteMessage its message, or {@code null}
	 * @param stackTrace its stack trace, as recorded in the worker
	 * @param cause its cause, also transported as data, or {@code null}
	 */
	public RemoteTaskException(String remoteClassName, @Nullable String remoteMessage, StackTraceElement[] stackTrace,
			@Nullable RemoteTaskException cause) {
		super(remoteClassName + ((remoteMessage != null) ? ": " + remoteMessage : ""), cause);
		this.remoteClassName = remoteClassName;
		this.remoteMessage = remoteMessage;
		setStackTrace(stackTrace);
	}

	/**
	 * Return the class name of the exception thrown in the worker.
	 * @return the class name, for example {@code java.lang.IllegalStateException}
	 */
	public String getRemoteClassName() {
		return this.remoteClassName;
	}

	/**
	 * Return the message of the exception thrown in the worker.
	 * @return the message, or {@code null}
	 */
	public @Nullable String getRemoteMessage() {
		return this.remoteMessage;
	}

	@Override
	public String toString() {
		return getMessage() + " (in a worker JVM)";
	}

}
