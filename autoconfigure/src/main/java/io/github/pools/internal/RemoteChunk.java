package io.github.pools.internal;

import java.io.Serial;
import java.util.Objects;

import io.github.pools.SerializableCallable;
import io.github.pools.SerializableFunction;
import org.jspecify.annotations.Nullable;

/**
 * One chunk of a batch call on a pool whose tasks run in another JVM: the function and
 * the items travel together as one task, and the results come back as one array.
 */
public final class RemoteChunk implements SerializableCallable<Object[]> {

	@Serial
	private static final long serialVersionUID = 1L;

	private final SerializableFunction<Object, Object> function;

	private final Object[] items;

	/** The loader of the user's code, which reads the results; not sent. */
	private final transient @Nullable ClassLoader resultLoader;

	/**
	 * Create a chunk.
	 * @param function the function to apply to each item
	 * @param items the items
	 * @param userCode the user's own function, whose class loader reads the results
	 */
	public RemoteChunk(SerializableFunction<Object, Object> function, Object[] items, Object userCode) {
		this.function = function;
		this.items = items;
		this.resultLoader = loaderOf(userCode);
	}

	private RemoteChunk(SerializableFunction<Object, Object> function, Object[] items) {
		this.function = function;
		this.items = items;
		this.resultLoader = null;
	}

	/**
	 * Recreate a chunk read from a channel in a compact form of its own, as Java
	 * serialization would: without the loader that reads results, which stays in the
	 * application.
	 * @param function the function
	 * @param items the items
	 * @return the chunk
	 */
	public static RemoteChunk received(SerializableFunction<Object, Object> function, Object[] items) {
		return new RemoteChunk(function, items);
	}

	/**
	 * Return the function applied to each item.
	 * @return the function
	 */
	public SerializableFunction<Object, Object> function() {
		return this.function;
	}

	/**
	 * Return the items; the array itself, not a copy.
	 * @return the items
	 */
	public Object[] items() {
		return this.items;
	}

	/**
	 * Return the class loader of a piece of user code: the loader that knows the
	 * application's classes, even under a restart class loader.
	 * @param code the user's task or function
	 * @return its loader, or the system class loader for a JDK class
	 */
	public static ClassLoader loaderOf(Object code) {
		ClassLoader loader = code.getClass().getClassLoader();
		return (loader != null) ? loader : ClassLoader.getSystemClassLoader();
	}

	/**
	 * Return the loader that reads this chunk's results, in the application.
	 * @return the loader of the user's function
	 */
	public ClassLoader resultLoader() {
		return Objects.requireNonNull(this.resultLoader, "resultLoader is not sent to workers");
	}

	@Override
	public Object[] call() {
		return Batches.applyRemotely(this.function, this.items);
	}

	@Override
	public String toString() {
		return "Chunk[" + this.items.length + " items of " + this.function + "]";
	}

}
