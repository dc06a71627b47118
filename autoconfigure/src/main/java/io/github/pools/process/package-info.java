/**
 * Process pools: {@link io.github.pools.process.ProcessPoolManager} runs tasks in
 * long-lived worker JVMs that it starts, reuses and supervises, one private
 * standard-input/standard-output channel per worker.
 * <p>
 * One job per class: {@code ProcessPoolManager} is the public face (the shared state
 * machine lives in {@code internal.PoolControl}); {@code WorkerPool} owns the lock and all
 * worker and task bookkeeping; {@code DispatchPolicy} decides, as plain functions, what a
 * worker does next and when another starts; {@code WorkerLauncher} starts workers, with
 * backoff, and breaks and recovers the pool; {@code Supervisor} enforces every timeout;
 * {@code WorkerProcess} is the seam to a process ({@code JvmWorkerProcess} in
 * production, stub workers in tests), and {@code ClassDataArchive} keeps the workers'
 * class-data archive; a worker's life is {@code WorkerState}. Answers
 * are decoded by {@code channel.ResultDecoder}, beside the codec.
 */
@NullMarked
package io.github.pools.process;

import org.jspecify.annotations.NullMarked;
