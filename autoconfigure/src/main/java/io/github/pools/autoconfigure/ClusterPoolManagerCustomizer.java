package io.github.pools.autoconfigure;

import io.github.pools.cluster.ClusterPoolBuilder;

/**
 * Callback to customize a configured cluster pool before it is built. Every customizer
 * bean is called for every configured cluster pool, in order; use
 * {@link ClusterPoolBuilder#name()} to pick one. Only called when Hazelcast is on the
 * class path, the only case in which cluster pools exist.
 */
@FunctionalInterface
public interface ClusterPoolManagerCustomizer {

	/**
	 * Customize the builder of one pool.
	 * @param builder the builder, already holding the configured settings
	 */
	void customize(ClusterPoolBuilder builder);

}
