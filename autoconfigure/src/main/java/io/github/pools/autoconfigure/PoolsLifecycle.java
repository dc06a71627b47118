package io.github.pools.autoconfigure;

import java.util.List;

import io.github.pools.PoolManager;
import io.github.pools.PoolRegistry;
import io.github.pools.PoolState;

import org.springframework.context.SmartLifecycle;

/**
 * Ties every registered pool to the application context: pools still new start with
 * the context, and all pools stop when it closes, after the web server. The phase is
 * below the web server's ({@code DEFAULT_PHASE - 1024} for graceful shutdown,
 * {@code DEFAULT_PHASE - 2048} for start and stop), so pools start before it takes
 * requests and stop only after it stopped taking them: in-flight requests can still
 * submit tasks.
 * <p>
 * Pools do not take part in pausing ({@link #isPauseable()}): like an
 * {@code ExecutorService}, a stopped pool never runs again, so a paused context (Spring's
 * test context cache pauses the contexts it keeps) would come back with dead pools. Their
 * idle threads and worker JVMs stay while the context is paused.
 */
public class PoolsLifecycle implements SmartLifecycle {

	/** The phase of pools: started before, and stopped after, the web server. */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private final PoolRegistry registry;

	private volatile boolean running;

	/**
	 * Create a new instance.
	 * @param registry the registry whose pools follow the context
	 */
	public PoolsLifecycle(PoolRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void start() {
		for (PoolManager pool : this.registry.pools()) {
			if (pool.state() == PoolState.NEW) {
				pool.start();
			}
		}
		this.running = true;
	}

	/**
	 * Stop every pool: all begin to stop together, then each is closed, which waits up
	 * to its await-termination period and cancels what is left.
	 */
	@Override
	public void stop() {
		this.running = false;
		List<PoolManager> pools = this.registry.pools();
		pools.forEach(PoolManager::stop);
		pools.forEach(PoolManager::close);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Return {@code false}: pausing the context (and restarting it) leaves the pools
	 * running, since a stopped pool cannot start again.
	 * @return {@code false}
	 */
	@Override
	public boolean isPauseable() {
		return false;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
