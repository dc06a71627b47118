/**
 * Observation of process tasks with Micrometer, and the trace context they carry into
 * their worker JVMs.
 */
@NullMarked
package io.github.pools.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
