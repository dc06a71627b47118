package io.github.pools.autoconfigure;

import java.time.Duration;

/**
 * How a pool stops when the application context closes: the {@code shutdown} group of
 * a pool's configuration.
 */
public class PoolShutdownProperties {

	/**
	 * Whether closing waits for queued and running tasks before cancelling what is left.
	 * When false, queued tasks are cancelled and running ones interrupted (thread pools)
	 * or their workers killed (process pools) at once.
	 */
	private boolean awaitTermination = true;

	/**
	 * Maximum time closing waits for queued and running tasks; what is left is then
	 * cancelled. Keep it within spring.lifecycle.timeout-per-shutdown-phase.
	 */
	private Duration awaitTerminationPeriod = Duration.ofSeconds(30);

	public boolean isAwaitTermination() {
		return this.awaitTermination;
	}

	public void setAwaitTermination(boolean awaitTermination) {
		this.awaitTermination = awaitTermination;
	}

	public Duration getAwaitTerminationPeriod() {
		return this.awaitTerminationPeriod;
	}

	public void setAwaitTerminationPeriod(Duration awaitTerminationPeriod) {
		this.awaitTerminationPeriod = awaitTerminationPeriod;
	}

}
