/**
 * The worker JVM of a process pool: {@link io.github.pools.process.worker.WorkerMain}
 * and the loop that reads tasks from standard input and writes results to standard
 * output. Nothing here is meant to be called by applications.
 */
@NullMarked
package io.github.pools.process.worker;

import org.jspecify.annotations.NullMarked;
