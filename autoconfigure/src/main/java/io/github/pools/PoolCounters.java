package io.github.pools;

import java.util.function.Supplier;

/**
 * A pool's counters and sizes, each read on its own: what meters read on every scrape.
 * <p>
 * Unlike {@link PoolManager#stats()}, which takes a consistent snapshot of the whole
 * pool, each method here reads one value as of its last change, without taking the
 * pool's lock and without allocating; two values read one after the other need not
 * agree with each other (a task may complete in between).
 * <p>
 * For a thread pool, the {@code worker*} counters are zero.
 */
public interface PoolCounters {

	/**
	 * Return the core size.
	 * @return the core number of threads or worker JVMs
	 */
	int coreSize();

	/**
	 * Return the maximum size.
	 * @return the maximum number of threads or worker JVMs
	 */
	int maxSize();

	/**
	 * Return the number of workers, as {@link PoolStats#workers()} counts them.
	 * @return the threads, or the ready worker JVMs
	 */
	int workers();

	/**
	 * Return the number of workers running a task.
	 * @return the busy threads or worker JVMs
	 */
	int busyWorkers();

	/**
	 * Return the number of tasks waiting for a worker.
	 * @return the queued tasks
	 */
	int queued();

	/**
	 * Return the queue's capacity.
	 * @return how many tasks the queue holds at most
	 */
	int queueCapacity();

	/**
	 * Return how many more tasks the queue can take.
	 * @return the capacity less the queued tasks, at least zero
	 */
	default int queueRemaining() {
		return Math.max(0, queueCapacity() - queued());
	}

	/**
	 * Return how many tasks completed, with a value or an exception: the task bodies that
	 * ran, not the tasks cancelled or completed by their caller before they started.
	 * @return the completed tasks so far
	 */
	long completed();

	/**
	 * Return how many tasks completed with an exception.
	 * @return the failed tasks so far
	 */
	long failed();

	/**
	 * Return how many tasks were refused at submit for a reason.
	 * @param reason the reason
	 * @return the refused tasks so far
	 */
	long rejected(RejectionReason reason);

	/**
	 * Return how many worker JVMs became ready.
	 * @return the starts so far; zero, the default, for a pool without worker JVMs
	 */
	default long workerStarts() {
		return 0;
	}

	/**
	 * Return how many worker JVMs started to replace one that was lost or recycled.
	 * @return the restarts so far; zero, the default, for a pool without worker JVMs
	 */
	default long workerRestarts() {
		return 0;
	}

	/**
	 * Return how many attempts to start a worker JVM failed.
	 * @return the start failures so far; zero, the default, for a pool without worker
	 * JVMs
	 */
	default long workerStartFailures() {
		return 0;
	}

	/**
	 * Return how many worker JVMs ended for a reason.
	 * @param reason the reason
	 * @return the exits so far; zero, the default, for a pool without worker JVMs
	 */
	default long workerExits(WorkerExitReason reason) {
		return 0;
	}

	/**
	 * Return counters that take a whole snapshot for every value they read: the
	 * fallback of {@link PoolManager#counters()} for a pool that has no cheaper way.
	 * @param stats where the snapshots come from
	 * @return the counters
	 */
	static PoolCounters of(Supplier<PoolStats> stats) {
		return new PoolCounters() {

			@Override
			public int coreSize() {
				return stats.get().coreSize();
			}

			@Override
			public int maxSize() {
				return stats.get().maxSize();
			}

			@Override
			public int workers() {
				return stats.get().workers();
			}

			@Override
			public int busyWorkers() {
				return stats.get().busyWorkers();
			}

			@Override
			public int queued() {
				return stats.get().queued();
			}

			@Override
			public int queueCapacity() {
				return stats.get().queueCapacity();
			}

			@Override
			public int queueRemaining() {
				return stats.get().queueRemaining();
			}

			@Override
			public long completed() {
				return stats.get().completed();
			}

			@Override
			public long failed() {
				return stats.get().failed();
			}

			@Override
			public long rejected(RejectionReason reason) {
				return stats.get().rejected().getOrDefault(reason, 0L);
			}

			@Override
			public long workerStarts() {
				WorkerProcessStats processes = stats.get().processes();
				return (processes != null) ? processes.starts() : 0;
			}

			@Override
			public long workerRestarts() {
				WorkerProcessStats processes = stats.get().processes();
				return (processes != null) ? processes.restarts() : 0;
			}

			@Override
			public long workerStartFailures() {
				WorkerProcessStats processes = stats.get().processes();
				return (processes != null) ? processes.startFailures() : 0;
			}

			@Override
			public long workerExits(WorkerExitReason reason) {
				WorkerProcessStats processes = stats.get().processes();
				return (processes != null) ? processes.exits().getOrDefault(reason, 0L) : 0;
			}

		};
	}

}
