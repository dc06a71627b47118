package io.github.pools;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A {@link Callable} that can be sent to a worker JVM. A lambda assigned to this type is
 * serializable, together with the values it captures, which must be serializable too
 * and allowed by the pool's deserialization allow-list.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface SerializableCallable<T> extends Callable<T>, Serializable {

}
