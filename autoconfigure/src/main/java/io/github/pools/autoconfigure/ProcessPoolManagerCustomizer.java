package io.github.pools.autoconfigure;

import io.github.pools.process.ProcessPoolManager;

/**
 * Callback to customize a configured process pool before it is built, for settings that
 * are code rather than configuration: a worker initializer or finalizer (both run in the
 * worker JVM). Every customizer bean is called for every configured process pool, in
 * order; use {@link ProcessPoolManager.Builder#name()} to pick one.
 */
@FunctionalInterface
public interface ProcessPoolManagerCustomizer {

	/**
	 * Customize the builder of one pool.
	 * @param builder the builder, already holding the configured settings
	 */
	void customize(ProcessPoolManager.Builder builder);

}
