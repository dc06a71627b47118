/**
 * Building blocks shared by the pool kinds. Public only so that
 * {@code io.github.pools.thread} and {@code io.github.pools.process} can use them;
 * applications should not depend on this package.
 */
@NullMarked
package io.github.pools.support;

import org.jspecify.annotations.NullMarked;
