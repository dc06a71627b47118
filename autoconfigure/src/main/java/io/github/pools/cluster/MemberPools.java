package io.github.pools.cluster;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.pools.process.channel.ObjectCodec;
import org.jspecify.annotations.Nullable;

/**
 * The cluster pools declared in this JVM, by name, as a member that runs their tasks
 * sees them: the allow-list that reads a task and the class loader of the application.
 * <p>
 * A member reads a task with its own pool's allow-list, never with one that travels
 * with the task, so that whoever can send a task to a member cannot widen what the
 * member deserializes. Every member must therefore declare the cluster pools whose
 * tasks it runs, which it does when it runs the same application.
 */
final class MemberPools {

	private static final Map<String, Entry> POOLS = new ConcurrentHashMap<>();

	private MemberPools() {
	}

	/**
	 * Declare a pool in this JVM; a pool of the same name declared later replaces it (a
	 * restarted context, say).
	 * @param name the pool name
	 * @param entry how the pool reads its tasks
	 */
	static void declare(String name, Entry entry) {
		POOLS.put(name, entry);
	}

	/**
	 * Forget a pool, unless another one of that name replaced it meanwhile.
	 * @param name the pool name
	 * @param entry what {@link #declare} was given
	 */
	static void forget(String name, Entry entry) {
		POOLS.remove(name, entry);
	}

	static @Nullable Entry get(String name) {
		return POOLS.get(name);
	}

	/**
	 * How a member reads and answers the tasks of one pool.
	 *
	 * @param codec the pool's codec, with its allow-list and limits
	 * @param loader the application's class loader
	 * @param maxMessageSize the largest result, in bytes
	 */
	record Entry(ObjectCodec codec, ClassLoader loader, long maxMessageSize) {

	}

}
