package io.github.pools.process.restart;

import java.io.Serializable;

/**
 * A result type of the "application" that {@code ProcessPoolClassLoaderTests} loads
 * with a restart class loader.
 *
 * @param value the value
 */
public record Doubled(int value) implements Serializable {

}
