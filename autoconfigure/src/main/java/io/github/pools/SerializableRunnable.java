package io.github.pools;

import java.io.Serializable;

/**
 * A {@link Runnable} that can be sent to a worker JVM, for example a per-worker
 * initializer or finalizer of a process pool.
 */
@FunctionalInterface
public interface SerializableRunnable extends Runnable, Serializable {

}
