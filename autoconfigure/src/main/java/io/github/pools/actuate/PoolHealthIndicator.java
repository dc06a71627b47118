package io.github.pools.actuate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import io.github.pools.PoolManager;
import io.github.pools.PoolState;
import io.github.pools.PoolStats;
import io.github.pools.RejectionReason;
import io.github.pools.WorkerProcessStats;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The health of one pool, an entry of {@link PoolsHealthContributor}. It reads only
 * {@link PoolManager#stats()}, so it never blocks and never submits a task.
 * <table>
 * <caption>Status by pool state</caption>
 * <tr><th>state</th><th>while the application runs</th><th>before it started its pools,
 * or while it shuts down</th></tr>
 * <tr><td>RUNNING</td><td>UP</td><td>UP</td></tr>
 * <tr><td>NEW</td><td>DOWN: registered but never started, it refuses every
 * task</td><td>UP: the application starts it</td></tr>
 * <tr><td>STOPPING, TERMINATED</td><td>DOWN: stopped while the application needs
 * it</td><td>OUT_OF_SERVICE: stopped with the application</td></tr>
 * <tr><td>BROKEN</td><td>DOWN</td><td>DOWN</td></tr>
 * </table>
 * A saturated pool (every worker busy, queue full, tasks refused) stays UP: it works at
 * its limit, and a DOWN would make an orchestrator restart an application that is merely
 * busy. Saturation shows in the details instead: {@code saturated} is {@code true} when
 * the pool is full right now or refused a task as saturated since the previous health
 * check, and {@code saturatedRejections} counts those refusals. Alert on saturation with
 * the {@code pools.tasks.rejected} meter.
 * <p>
 * Details: {@code state} and {@code lifecycle} (as in the pools endpoint), {@code queue}
 * (size and capacity), {@code workers} (busy and max), {@code saturated},
 * {@code saturatedRejections} (since the previous check of this pool's health, by
 * anyone), and for a process pool {@code crashes}.
 */
public class PoolHealthIndicator implements HealthIndicator {

	private final PoolManager pool;

	private final BooleanSupplier applicationRunning;

	/** Saturated rejections counted at the previous health check. */
	private final AtomicLong lastSaturatedRejections;

	/**
	 * Create a new instance.
	 * @param pool the pool
	 * @param applicationRunning whether the application runs, that is it has started its
	 * pools and is not shutting down
	 */
	public PoolHealthIndicator(PoolManager pool, BooleanSupplier applicationRunning) {
		this.pool = pool;
		this.applicationRunning = applicationRunning;
		this.lastSaturatedRejections = new AtomicLong(saturatedRejections(pool.stats()));
	}

	@Override
	public Health health() {
		PoolStats stats = this.pool.stats();
		long saturatedRejections = saturatedRejections(stats);
		long recent = Math.max(0, saturatedRejections - this.lastSaturatedRejections.getAndSet(saturatedRejections));
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("state", PoolDescriptions.state(stats.state()));
		details.put("lifecycle", PoolDescriptions.lifecycle(stats.state()));
		details.put("queue", Map.of("size", stats.queued(), "capacity", stats.queueCapacity()));
		details.put("workers", Map.of("busy", stats.busyWorkers(), "max", stats.maxSize()));
		details.put("saturated", recent > 0 || PoolDescriptions.saturated(stats));
		details.put("saturatedRejections", recent);
		WorkerProcessStats processes = stats.processes();
		if (processes != null) {
			details.put("crashes", processes.crashes());
		}
		return Health.status(status(stats.state())).withDetails(details).build();
	}

	private Status status(PoolState state) {
		boolean running = this.applicationRunning.getAsBoolean();
		return switch (state) {
			case RUNNING -> Status.UP;
			case NEW -> running ? Status.DOWN : Status.UP;
			case STOPPING, TERMINATED -> running ? Status.DOWN : Status.OUT_OF_SERVICE;
			case BROKEN -> Status.DOWN;
		};
	}

	private static long saturatedRejections(PoolStats stats) {
		return stats.rejected().getOrDefault(RejectionReason.SATURATED, 0L);
	}

}
