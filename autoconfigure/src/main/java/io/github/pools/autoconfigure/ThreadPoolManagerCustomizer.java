package io.github.pools.autoconfigure;

import io.github.pools.thread.ThreadPoolManager;

/**
 * Callback to customize a configured thread pool before it is built, for settings that
 * are code rather than configuration: a per-thread initializer or finalizer, or a
 * task decorator for one pool. Every customizer bean is called for every configured
 * thread pool, in order; use {@link ThreadPoolManager.Builder#name()} to pick one.
 */
@FunctionalInterface
public interface ThreadPoolManagerCustomizer {

	/**
	 * Customize the builder of one pool.
	 * @param builder the builder, already holding the configured settings
	 */
	void customize(ThreadPoolManager.Builder builder);

}
