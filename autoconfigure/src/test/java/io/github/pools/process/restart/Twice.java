package io.github.pools.process.restart;

import io.github.pools.SerializableFunction;

/**
 * A function of the "application" that {@code ProcessPoolClassLoaderTests} loads with a
 * restart class loader.
 */
public final class Twice implements SerializableFunction<Integer, Doubled> {

	@Override
	public Doubled apply(Integer value) {
		return new Doubled(2 * value);
	}

}
