package io.github.pools.thread.contract;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The {@link ExecutorService} contract checked against a plain
 * {@link ThreadPoolExecutor} with two threads, the reference the pool's view must agree
 * with.
 */
class ThreadPoolExecutorContractTests extends ExecutorServiceContract {

	@Override
	ExecutorService newExecutor() {
		return new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
	}

	@Override
	void closeExecutor() {
		// the executor is shut down and terminated by the base class
	}

	@Override
	void closeExtraExecutor(ExecutorService executor) {
		// shut down by the base class
	}

	@Override
	Object neverStartedEntryOfSubmittedRunnable(Runnable submitted, Future<?> future) {
		return future;
	}

	@Override
	boolean shutdownNowCancelsNeverStartedFutures() {
		return false;
	}

}
