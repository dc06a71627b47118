package io.github.pools;

/**
 * Where the tasks of a pool run.
 */
public enum PoolKind {

	/**
	 * Threads (platform or virtual) of the application's own JVM.
	 */
	THREAD,

	/**
	 * Long-lived worker JVMs that the pool starts, reuses and supervises.
	 */
	PROCESS,

	/**
	 * The members of a Hazelcast cluster, the application's own JVM possibly among them.
	 */
	CLUSTER

}
