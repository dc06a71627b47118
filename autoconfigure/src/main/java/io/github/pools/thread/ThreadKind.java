package io.github.pools.thread;

/**
 * The kind of thread a thread pool runs its tasks on.
 */
enum ThreadKind {

	/** Platform threads that keep the JVM alive. */
	PLATFORM,

	/** Platform daemon threads, which do not keep the JVM alive. */
	DAEMON,

	/** Virtual threads (Java 21 and later), always daemon threads. */
	VIRTUAL;

	static ThreadKind of(boolean virtualThreads, boolean daemon) {
		if (virtualThreads) {
			return VIRTUAL;
		}
		return daemon ? DAEMON : PLATFORM;
	}

}
