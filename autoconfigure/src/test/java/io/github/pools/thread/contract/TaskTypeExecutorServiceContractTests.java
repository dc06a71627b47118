package io.github.pools.thread.contract;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.pools.thread.ThreadPoolManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@link ExecutorService} contract checked against the view
 * {@link ThreadPoolManager#executor(String)} of a pool with two threads.
 */
class TaskTypeExecutorServiceContractTests extends ExecutorServiceContract {

	private final List<ThreadPoolManager> pools = new ArrayList<>();

	private ThreadPoolManager pool;

	@Override
	ExecutorService newExecutor() {
		ThreadPoolManager pool = ThreadPoolManager.builder("contract").taskType("type").maxSize(2).build();
		pool.start();
		this.pools.add(pool);
		if (this.pool == null) {
			this.pool = pool;
		}
		return pool.executor("type");
	}

	@Override
	void closeExecutor() {
		this.pools.forEach(ThreadPoolManager::close);
	}

	@Override
	void closeExtraExecutor(ExecutorService executor) {
		// closed with the first pool after the test
	}

	@Override
	Object neverStartedEntryOfSubmittedRunnable(Runnable submitted, Future<?> future) {
		return submitted;
	}

	@Override
	boolean shutdownNowCancelsNeverStartedFutures() {
		return true;
	}

	@AfterEach
	void poolsStillRan() {
		// checked before the base class closes them: the view never stops its pool
		this.pools.forEach((pool) -> assertThat(pool.isRunning()).as("pool %s running", pool).isTrue());
	}

	// ---- the view's own contract, where it differs from ThreadPoolExecutor

	@Test
	void shutdownNowOfTheViewLeavesThePoolServingOtherTasks() throws Exception {
		occupyBothThreads();
		Future<String> other = this.pool.submit("type", () -> "other ran");
		this.executor.shutdownNow();
		assertThat(this.executor.awaitTermination(LONG.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		assertThat(get(other)).isEqualTo("other ran");
		assertThat(this.pool.isRunning()).isTrue();
	}

	@Test
	void theViewIsShutDownWhenItsPoolIsNotRunning() throws Exception {
		// view contract: isShutdown() is also true when the pool is not running
		assertThat(this.executor.isShutdown()).isFalse();
		this.pool.stop();
		await().atMost(LONG).until(() -> this.executor.isShutdown());
		assertThat(this.executor.awaitTermination(LONG.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		this.pools.remove(this.pool);
		this.pool.close();
	}

}
