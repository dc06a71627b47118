/**
 * Spring Boot auto-configuration for Pools: binds {@code pools.*}, registers one bean
 * per configured pool, ties the pools to the application context's life cycle and
 * explains bad configuration at startup.
 */
@NullMarked
package io.github.pools.autoconfigure;

import org.jspecify.annotations.NullMarked;
