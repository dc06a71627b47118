package io.github.pools.process.channel;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.pools.SerializableCallable;
import io.github.pools.SerializableFunction;
import io.github.pools.internal.RemoteChunk;

/**
 * Runs the application's side of the channel once, in the background, when a pool
 * starts: the first use of object streams, of a serialized lambda and of the packed
 * forms costs tens of milliseconds of class loading and bootstrapping, which would
 * otherwise fall on the first task, before its worker is even asked for.
 */
public final class CodecWarmUp {

	private static final AtomicBoolean STARTED = new AtomicBoolean();

	private CodecWarmUp() {
	}

	/**
	 * Start the warm-up on a daemon thread, the first time a pool starts in this JVM:
	 * what it loads is shared by every pool.
	 */
	public static void startOnce() {
		if (STARTED.compareAndSet(false, true)) {
			Thread thread = new Thread(CodecWarmUp::run, "pools-channel-warm-up");
			thread.setDaemon(true);
			thread.start();
		}
	}

	private static void run() {
		try {
			ObjectCodec codec = new ObjectCodec(ObjectFilters.of(List.of(), 1 << 20, 100));
			ClassLoader loader = CodecWarmUp.class.getClassLoader();
			int captured = 7;
			SerializableCallable<Integer> task = () -> captured;
			SerializableFunction<Object, Object> function = (item) -> item;
			Object[] items = { 1, 2, 3, 4, 5, 6, 7, 8 };
			// The compact forms of a task, a map chunk and their results, and an object
			// stream for what has none (here an array of mixed values).
			for (Object value : new Object[] { task, new RemoteChunk(function, items, function), items, captured,
					new Object[] { items, "mixed" } }) {
				FrameBuffer buffer = new FrameBuffer(512);
				ObjectCodec.write(buffer, value);
				byte[] bytes = buffer.payload();
				codec.read(bytes, 0, bytes.length, loader);
			}
		}
		catch (Exception ex) {
			// only a warm-up: the first task reports whatever is wrong
		}
	}

}
