package io.github.pools.thread;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The {@link ThreadPoolExecutor} under a {@link ThreadPoolManager}, extended with the
 * hooks the pool needs: retiring a thread after its maximum number of tasks, refusing
 * to run tasks once the pool is broken, and reporting termination.
 */
final class PoolExecutor extends ThreadPoolExecutor {

	private final ThreadPoolManager pool;

	private final int maxTasksPerWorker;

	private final ThreadLocal<int[]> tasksRun = ThreadLocal.withInitial(() -> new int[1]);

	PoolExecutor(ThreadPoolManager pool, int coreSize, int maxSize, Duration keepAlive, int queueCapacity,
			ThreadFactory threadFactory, RejectedExecutionHandler handler, int maxTasksPerWorker) {
		super(coreSize, maxSize, keepAlive.toNanos(), TimeUnit.NANOSECONDS, queue(queueCapacity), threadFactory,
				handler);
		this.pool = pool;
		this.maxTasksPerWorker = maxTasksPerWorker;
	}

	private static BlockingQueue<Runnable> queue(int capacity) {
		return (capacity > 0) ? new LinkedBlockingQueue<>(capacity) : new SynchronousQueue<>();
	}

	@Override
	protected void beforeExecute(Thread thread, Runnable task) {
		if (this.pool.isBroken()) {
			((TaskFuture<?>) task).refuse(this.pool.brokenFailure());
			throw WorkerExit.INSTANCE;
		}
	}

	@Override
	protected void afterExecute(Runnable task, Throwable failure) {
		// A failure here is our own WorkerExit from the first call: the executor calls
		// afterExecute again before the thread leaves.
		if (this.maxTasksPerWorker > 0 && failure == null) {
			int[] count = this.tasksRun.get();
			if (++count[0] >= this.maxTasksPerWorker) {
				count[0] = 0;
				throw WorkerExit.INSTANCE; // the executor replaces the thread
			}
		}
	}

	@Override
	protected void terminated() {
		this.pool.executorTerminated();
	}

	/**
	 * Thrown from the executor's hooks to end a worker thread; the executor starts a
	 * replacement when one is needed. Caught by {@link WorkerThreadFactory}.
	 */
	static final class WorkerExit extends RuntimeException {

		static final WorkerExit INSTANCE = new WorkerExit();

		private WorkerExit() {
			super("worker thread retired", null, false, false);
		}

	}

}
