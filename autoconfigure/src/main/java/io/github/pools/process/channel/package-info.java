/**
 * The wire format between a process pool and its worker JVMs, shared by both sides:
 * length-prefixed {@link io.github.pools.process.channel.Frame frames} over the worker's
 * standard input and output, Java serialization filtered by an allow-list
 * ({@link io.github.pools.process.channel.ObjectFilters}), and exceptions carried as
 * data ({@link io.github.pools.process.channel.RemoteError}).
 * <p>
 * Public only because the parent side ({@code io.github.pools.process}) and the worker
 * side ({@code io.github.pools.process.worker}) live in different packages; this is
 * not an API for applications and may change in any release.
 */
@NullMarked
package io.github.pools.process.channel;

import org.jspecify.annotations.NullMarked;
