package io.github.pools.internal;

import java.io.Serial;
import java.io.Serializable;
import java.util.concurrent.CompletionException;

import io.github.pools.RemoteTaskException;
import org.jspecify.annotations.Nullable;

/**
 * Marks an item of a chunk whose function threw, in the results of that chunk, so that
 * one failed item does not fail its neighbours: the failure surfaces when that item is
 * consumed.
 * <p>
 * A local failure (thread pools) keeps the original exception. A remote failure
 * (process pools) is data only: class name, message, stack trace and cause, never a
 * serialized {@link Throwable}, and becomes a {@link RemoteTaskException} in the
 * application.
 */
public final class ItemFailure implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	private final transient @Nullable Throwable local;

	private final @Nullable String className;

	private final @Nullable String message;

	private final StackTraceElement @Nullable [] stackTrace;

	private final @Nullable ItemFailure cause;

	private ItemFailure(@Nullable Throwable local, @Nullable String className, @Nullable String message,
			StackTraceElement @Nullable [] stackTrace, @Nullable ItemFailure cause) {
		this.local = local;
		this.className = className;
		this.message = message;
		this.stackTrace = stackTrace;
		this.cause = cause;
	}

	/**
	 * Keep a failure that stays in this JVM.
	 * @param failure the exception the item's function threw
	 * @return the marker
	 */
	public static ItemFailure local(Throwable failure) {
		return new ItemFailure(failure, null, null, null, null);
	}

	/**
	 * Turn a failure into data that can cross to another JVM.
	 * @param failure the exception the item's function threw
	 * @return the marker, with the cause chain (cycles cut)
	 */
	public static ItemFailure remote(Throwable failure) {
		return remote(failure, 0);
	}

	private static ItemFailure remote(Throwable failure, int depth) {
		Throwable next = failure.getCause();
		ItemFailure cause = (next != null && next != failure && depth < 16) ? remote(next, depth + 1) : null;
		return new ItemFailure(null, failure.getClass().getName(), failure.getMessage(), failure.getStackTrace(),
				cause);
	}

	/**
	 * Return the exception to throw when the item is consumed: the original one for a
	 * local failure, a {@link RemoteTaskException} for a remote one. A checked exception
	 * is wrapped in a {@link CompletionException}.
	 * @return an unchecked exception or error
	 */
	public RuntimeException toUnchecked() {
		Throwable failure = toThrowable();
		if (failure instanceof RuntimeException runtime) {
			return runtime;
		}
		if (failure instanceof Error error) {
			throw error;
		}
		return new CompletionException(failure);
	}

	private Throwable toThrowable() {
		if (this.local != null) {
			return this.local;
		}
		return toRemote();
	}

	private RemoteTaskException toRemote() {
		return new RemoteTaskException(String.valueOf(this.className), this.message,
				(this.stackTrace != null) ? this.stackTrace : new StackTraceElement[0],
				(this.cause != null) ? this.cause.toRemote() : null);
	}

	@Override
	public String toString() {
		return "ItemFailure[" + ((this.local != null) ? this.local : this.className + ": " + this.message) + "]";
	}

}
