package io.github.pools.actuate;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import io.github.pools.PoolManager;
import io.github.pools.PoolRegistry;
import io.github.pools.PoolRegistryListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Publishes the meters of every pool in a {@link PoolRegistry}, following the registry:
 * a pool registered later gets its meters then, and a removed pool's meters are removed
 * from the meter registry.
 * <p>
 * Per pool, tagged {@code name=<pool>}: Micrometer's standard {@code executor.completed},
 * {@code executor.active}, {@code executor.queued}, {@code executor.queue.remaining},
 * {@code executor.pool.size}, {@code executor.pool.core} and {@code executor.pool.max};
 * the {@code executor} and {@code executor.idle} timers when the pool's task timers are
 * on; {@code pools.tasks.rejected} (tag {@code reason}) and {@code pools.tasks.failed};
 * and for process pools {@code pools.workers.started}, {@code pools.workers.restarted},
 * {@code pools.workers.start.failures} and {@code pools.workers.exited} (tag
 * {@code reason}). In Prometheus: {@code pools_tasks_rejected_total},
 * {@code pools_tasks_failed_total}, {@code pools_workers_started_total} and so on.
 */
public class PoolMetrics implements MeterBinder {

	private final PoolRegistry pools;

	private final Predicate<String> taskTimers;

	/**
	 * Create a new instance.
	 * @param pools the registry whose pools to publish
	 * @param taskTimers whether the pool with the given name gets per-task timers
	 */
	public PoolMetrics(PoolRegistry pools, Predicate<String> taskTimers) {
		this.pools = pools;
		this.taskTimers = taskTimers;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Map<String, PoolMeters> bound = new ConcurrentHashMap<>();
		this.pools.addListener(new PoolRegistryListener() {

			@Override
			public void poolAdded(PoolManager pool) {
				bound.put(pool.name(), PoolMeters.bind(pool, registry, PoolMetrics.this.taskTimers.test(pool.name())));
			}

			@Override
			public void poolRemoved(PoolManager pool) {
				PoolMeters meters = bound.remove(pool.name());
				if (meters != null) {
					meters.unbind();
				}
			}

		});
	}

}
