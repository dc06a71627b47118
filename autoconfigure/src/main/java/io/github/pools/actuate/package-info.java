/**
 * Observability of pools: Micrometer meters, the Actuator endpoint and the health
 * contributor, with their auto-configurations. Each is optional and switched on only
 * when its library is on the class path.
 */
@NullMarked
package io.github.pools.actuate;

import org.jspecify.annotations.NullMarked;
