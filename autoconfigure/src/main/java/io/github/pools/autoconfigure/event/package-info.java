/**
 * Spring application events about pools: saturation, rejection bursts, worker crash
 * loops and resizes, all subclasses of {@link io.github.pools.autoconfigure.event.PoolEvent}.
 * Listen with {@code @EventListener}; configure with {@code pools.management.events.*}.
 */
@NullMarked
package io.github.pools.autoconfigure.event;

import org.jspecify.annotations.NullMarked;
