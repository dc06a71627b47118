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

	private final boolean daemon;

	private final @Nullable Runnable initializer;

	private final @Nullable Runnable finalizer;

	private final AtomicInteger count = new AtomicInteger();

	WorkerThreadFactory(ThreadPoolManager pool, String prefix, boolean daemon, boolean virtual,
			@Nullable Runnable initializer, @Nullable Runnable finalizer) {
		this.pool = pool;
		this.prefix = prefix;
		this.daemon = daemon;
		this.virtualThreads = virtual ? VirtualThreads.factory(prefix) : null;
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
		thread.setDaemon(this.daemon);
		return thread;
	}

	private void runWorker(Runnable worker) {
		boolean initialized = initialize();
		try {
			worker.run();
		}
		catch (PoolExecutor.WorkerExit ex) {
			// The executor retired this thread (recycling, or a broken pool); not an error.
		}
		finally {
			if (initialized && this.finalizer != null) {
				try {
					this.finalizer.run();
				}
				catch (Throwable ex) {
					logger.log(Level.WARNING, "Worker finalizer of pool '" + this.pool.name() + "' failed", ex);
				}
			}
		}
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
