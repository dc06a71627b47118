package io.github.pools.process.restart;

import io.github.pools.SerializableBiFunction;

/**
 * A two-argument function of the "application" that {@code ProcessPoolClassLoaderTests}
 * loads with a restart class loader.
 */
public final class Sum implements SerializableBiFunction<Integer, Integer, Doubled> {

	@Override
	public Doubled apply(Integer a, Integer b) {
		return new Doubled(a + b);
	}

}
