package io.github.pools.thread;

import java.lang.reflect.Method;
import java.util.concurrent.ThreadFactory;

/**
 * Creates a virtual-thread factory on Java 21 and later. Pools compiles for Java 17,
 * where {@code Thread.ofVirtual()} does not exist, so the API is reached reflectively.
 */
final class VirtualThreads {

	/** The first Java release with final virtual threads. */
	static final int MINIMUM_JAVA = 21;

	private VirtualThreads() {
	}

	/**
	 * Return whether this JVM can run virtual threads.
	 * @return {@code true} on Java 21 or later
	 */
	static boolean isSupported() {
		return Runtime.version().feature() >= MINIMUM_JAVA;
	}

	/**
	 * Create a factory of virtual threads named {@code prefix1}, {@code prefix2}, ...
	 * @param prefix the thread name prefix
	 * @return the factory
	 * @throws UnsupportedOperationException on a JVM older than Java 21
	 */
	static ThreadFactory factory(String prefix) {
		if (!isSupported()) {
			throw new UnsupportedOperationException(unsupportedMessage());
		}
		try {
			Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
			Class<?> builderType = Class.forName("java.lang.Thread$Builder");
			Method name = builderType.getMethod("name", String.class, long.class);
			builder = name.invoke(builder, prefix, 1L);
			return (ThreadFactory) builderType.getMethod("factory").invoke(builder);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Cannot create a virtual thread factory on Java " + Runtime.version(), ex);
		}
	}

	static String unsupportedMessage() {
		return "virtual threads need Java " + MINIMUM_JAVA + " or later; this JVM is Java " + Runtime.version();
	}

}
