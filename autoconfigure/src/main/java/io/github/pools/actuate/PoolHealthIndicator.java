package io.github.pools.actuate;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import io.github.pools.PoolKind;
import io.github.pools.PoolListener;
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
 * {@link PoolManager#stats()} and a count of recent refusals, so it never blocks, never
 * submits a task, and reading it changes nothing: every poller (an orchestrator, a
 * dashboard, the live page) sees the same health at the same time.
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
 * the pool is full right now or refused a task as saturated within the last
 * {@link #SATURATION_WINDOW minute}, and {@code saturatedRejections} counts those
 * refusals within that minute. Alert on saturation with the {@code pools.tasks.rejected}
 * meter.
 * <p>
 * Details: {@code state} and {@code lifecycle} (as in the pools endpoint), {@code queue}
 * (size and capacity), {@code workers} (busy and max), {@code saturated},
 * {@code saturatedRejections}, for a process pool {@code crashes}, and for a cluster pool
 * {@code members}. A running cluster pool that cannot reach a member to run on (its
 * Hazelcast instance stopped, or a client lost its cluster) is DOWN, with a
 * {@code reason}.
 */
public class PoolHealthIndicator implements HealthIndicator {

	/** Period over which refusals of a saturated pool are reported. */
	public static final Duration SATURATION_WINDOW = Duration.ofMinutes(1);

	private final PoolManager pool;

	private final BooleanSupplier applicationRunning;

	private final RecentCount saturatedRejections;

	private final PoolListener listener;

	/**
	 * Create a new instance that counts the pool's refusals until {@link #detach()
	 * detached}.
	 * @param pool the pool
	 * @param applicationRunning whether the application runs, that is it has started its
	 * pools and is not shutting down
	 */
	public PoolHealthIndicator(PoolManager pool, BooleanSupplier applicationRunning) {
		this(pool, applicationRunning, System::nanoTime);
	}

	PoolHealthIndicator(PoolManager pool, BooleanSupplier applicationRunning, LongSupplier nanoClock) {
		this.pool = pool;
		this.applicationRunning = applicationRunning;
		RecentCount saturatedRejections = new RecentCount(SATURATION_WINDOW, nanoClock);
		this.saturatedRejections = saturatedRejections;
		this.listener = new PoolListener() {

			@Override
			public void taskRejected(PoolManager pool, RejectionReason reason) {
				if (reason == RejectionReason.SATURATED) {
					saturatedRejections.record();
				}
			}

		};
		pool.addListener(this.listener);
	}

	@Override
	public Health health() {
		PoolStats stats = this.pool.stats();
		long recent = this.saturatedRejections.count();
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
		Status status = status(stats.state());
		if (stats.kind() == PoolKind.CLUSTER) {
			int members = ClusterDetails.members(this.pool);
			details.put("members", members);
			if (members == 0 && status == Status.UP && stats.state() == PoolState.RUNNING) {
				// nowhere to run: every task would fail
				details.put("reason", "cannot reach a member of its cluster to run on");
				status = Status.DOWN;
			}
		}
		return Health.status(status).withDetails(details).build();
	}

	/**
	 * Stop counting the pool's refusals, when the pool leaves the registry or the
	 * contributor is destroyed.
	 */
	public void detach() {
		this.pool.removeListener(this.listener);
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

}
