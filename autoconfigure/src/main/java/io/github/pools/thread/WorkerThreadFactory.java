package io.github.pools.thread;

import java.lang.System.Logger.Level;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * Creates a pool's threads (platform or virtual) and runs the per-worker initializer
 * when a thread starts and the finalizer when it ends.
 */
final class WorkerThreadFactory implements ThreadFactory {

	private static final System.Logger logger = System.getLogger(WorkerThreadFactory.class.getName());

	private final ThreadPoolManager pool;

	private final @Nullable ThreadFactory virtualThreads;

	private final String prefix;

	private final ThreadKind kind;

	private final @Nullable Runnable initializer;

	private final @Nullable Runnable finalizer;

	private final AtomicInteger count = new AtomicInteger();

	/** Threads between the start of their body and the end of their finalizer. */
	private final AtomicInteger alive = new AtomicInteger();

	WorkerThreadFactory(ThreadPoolManager pool, String prefix, ThreadKind kind, @Nullable Runnable initializer,
			@Nullable Runnable finalizer) {
		this.pool = pool;
		this.prefix = prefix;
		this.kind = kind;
		this.virtualThreads = (kind == ThreadKind.VIRTUAL) ? VirtualThreads.factory(prefix) : null;
		this.initializer = initializer;
		this.finalizer = finalizer;
	}

	@Override
	public Thread newThread(Runnable worker) {
		Runnable body = () -> runWorker(worker);
		if (this.virtualThreads != null) {
			return this.virtualThreads.newThread(body);
		}
		Thread thread = new Thread(body, this.prefix + this.count.incrementAndGet());
		thread.setDaemon(this.kind == ThreadKind.DAEMON);
		return thread;
	}

	private void runWorker(Runnable worker) {
		this.alive.incrementAndGet();
		boolean initialized = false;
		try {
			initialized = initialize();
			worker.run();
		}
		catch (PoolExecutor.WorkerExit ex) {
			// The executor retired this thread (recycling, or a broken pool); not an error.
		}
		finally {
			try {
				if (initialized && this.finalizer != null) {
					this.finalizer.run();
				}
			}
			catch (Throwable ex) {
				logger.log(Level.WARNING, "Worker finalizer of pool '" + this.pool.name() + "' failed", ex);
			}
			finally {
				if (this.alive.decrementAndGet() == 0) {
					this.pool.workerThreadsEnded();
				}
			}
		}
	}

	/**
	 * Return how many threads have not finished their finalizer yet.
	 * @return the count
	 */
	int alive() {
		return this.alive.get();
	}

	private boolean initialize() {
		if (this.initializer == null) {
			return true;
		}
		try {
			this.initializer.run();
			return true;
		}
		catch (Throwable ex) {
			this.pool.initializerFailed(ex);
			return false;
		}
	}

}
