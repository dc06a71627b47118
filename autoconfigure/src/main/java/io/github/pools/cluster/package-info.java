/**
 * Cluster pools: the tasks of a pool run on the members of a Hazelcast cluster. See
 * {@link io.github.pools.cluster.ClusterPoolManager}.
 */
@NullMarked
package io.github.pools.cluster;

import org.jspecify.annotations.NullMarked;
