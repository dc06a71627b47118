package io.github.pools.actuate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.github.pools.PoolCounters;
import io.github.pools.PoolKind;
import io.github.pools.PoolManager;
import io.github.pools.RejectionReason;
import io.github.pools.TaskTimer;
import io.github.pools.WorkerExitReason;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * The meters of one pool in one registry, removed together when the pool leaves its
 * registry.
 * <p>
 * The {@code executor.*} meters carry the names, descriptions, units and single
 * {@code name} tag of Micrometer's {@code ExecutorServiceMetrics}, so dashboards built
 * for Spring's executors work unchanged; for a process pool "threads" are its worker
 * JVMs, for a cluster pool the threads of all members that run its tasks. The {@code pools.*} meters are Pools' own: counters whose name says what they
 * count ({@code pools.tasks.failed}, {@code pools.workers.started}), so they carry no base
 * unit that Prometheus would repeat ({@code pools_tasks_failed_total}, not
 * {@code pools_tasks_failed_tasks_total}).
 */
final class PoolMeters {

	private final PoolManager pool;

	/** What every meter reads: one field each, never a {@link PoolManager#stats() snapshot}. */
	private final PoolCounters counters;

	private final MeterRegistry registry;

	private final List<Meter> meters = new ArrayList<>();

	private final @Nullable TaskTimer timer;

	private PoolMeters(PoolManager pool, MeterRegistry registry, boolean taskTimers) {
		this.pool = pool;
		this.counters = pool.counters();
		this.registry = registry;
		Tags tags = Tags.of("name", pool.name());
		bindExecutorMeters(tags);
		bindTaskCounters(tags);
		if (pool.kind() == PoolKind.PROCESS) {
			bindWorkerCounters(tags);
		}
		if (pool.kind() == PoolKind.CLUSTER) {
			bindClusterMeters(tags);
		}
		this.timer = taskTimers ? bindTimers(tags) : null;
	}

	static PoolMeters bind(PoolManager pool, MeterRegistry registry, boolean taskTimers) {
		return new PoolMeters(pool, registry, taskTimers);
	}

	private void bindExecutorMeters(Tags tags) {
		this.meters.add(FunctionCounter.builder("executor.completed", this.counters, PoolCounters::completed)
			.tags(tags)
			.description("The approximate total number of tasks that have completed execution")
			.baseUnit(BaseUnits.TASKS)
			.register(this.registry));
		gauge("executor.active", tags, "The approximate number of threads that are actively executing tasks",
				BaseUnits.THREADS, PoolCounters::busyWorkers);
		gauge("executor.queued", tags, "The approximate number of tasks that are queued for execution",
				BaseUnits.TASKS, PoolCounters::queued);
		gauge("executor.queue.remaining", tags,
				"The number of additional elements that this queue can ideally accept without blocking",
				BaseUnits.TASKS, PoolCounters::queueRemaining);
		gauge("executor.pool.size", tags, "The current number of threads in the pool", BaseUnits.THREADS,
				PoolCounters::workers);
		gauge("executor.pool.core", tags, "The core number of threads for the pool", BaseUnits.THREADS,
				PoolCounters::coreSize);
		gauge("executor.pool.max", tags, "The maximum allowed number of threads in the pool", BaseUnits.THREADS,
				PoolCounters::maxSize);
	}

	private void bindTaskCounters(Tags tags) {
		for (RejectionReason reason : RejectionReason.values()) {
			counter("pools.tasks.rejected", tags.and(Tag.of("reason", reason.tagValue())),
					"Tasks refused at submit, by reason", (counters) -> counters.rejected(reason));
		}
		counter("pools.tasks.failed", tags, "Tasks that completed with an exception", PoolCounters::failed);
	}

	private void bindWorkerCounters(Tags tags) {
		counter("pools.workers.started", tags, "Worker JVMs that became ready", PoolCounters::workerStarts);
		counter("pools.workers.restarted", tags,
				"Worker JVMs started to replace one that crashed, timed out, was cancelled or was recycled",
				PoolCounters::workerRestarts);
		counter("pools.workers.start.failures", tags, "Attempts to start a worker JVM that failed",
				PoolCounters::workerStartFailures);
		for (WorkerExitReason reason : WorkerExitReason.values()) {
			counter("pools.workers.exited", tags.and(Tag.of("reason", reason.tagValue())),
					"Worker JVMs that ended, by reason", (counters) -> counters.workerExits(reason));
		}
	}

	/**
	 * A cluster pool's own: what was handed to the cluster, what is still out there, and
	 * how many members can take it. No base units, so that Prometheus names them as
	 * they read: {@code pools_tasks_pending}, {@code pools_cluster_members}.
	 */
	private void bindClusterMeters(Tags tags) {
		this.meters.add(FunctionCounter.builder("pools.tasks.submitted", this.pool, ClusterDetails::submitted)
			.tags(tags)
			.description("Tasks accepted and handed to the cluster")
			.register(this.registry));
		this.meters.add(Gauge.builder("pools.tasks.pending", this.pool, ClusterDetails::pending)
			.tags(tags)
			.description("Tasks handed to the cluster that have not completed")
			.strongReference(true)
			.register(this.registry));
		this.meters.add(Gauge.builder("pools.cluster.members", this.pool, ClusterDetails::members)
			.tags(tags)
			.description("Members of the cluster the pool's tasks can run on")
			.strongReference(true)
			.register(this.registry));
	}

	private TaskTimer bindTimers(Tags tags) {
		Timer execution = Timer.builder("executor")
			.tags(tags)
			.description("Time tasks spent running; for a process pool, the round trip to a worker JVM")
			.register(this.registry);
		Timer idle = Timer.builder("executor.idle")
			.tags(tags)
			.description("Time tasks spent queued before they started")
			.register(this.registry);
		this.meters.add(execution);
		this.meters.add(idle);
		TaskTimer timer = (queuedNanos, executionNanos) -> {
			idle.record(queuedNanos, TimeUnit.NANOSECONDS);
			execution.record(executionNanos, TimeUnit.NANOSECONDS);
		};
		this.pool.addTaskTimer(timer);
		return timer;
	}

	private void gauge(String name, Tags tags, String description, String baseUnit,
			ToDoubleFunction<PoolCounters> value) {
		this.meters.add(Gauge.builder(name, this.counters, value)
			.tags(tags)
			.description(description)
			.baseUnit(baseUnit)
			.strongReference(true)
			.register(this.registry));
	}

	private void counter(String name, Tags tags, String description, ToDoubleFunction<PoolCounters> value) {
		this.meters.add(FunctionCounter.builder(name, this.counters, value)
			.tags(tags)
			.description(description)
			.register(this.registry));
	}

	/**
	 * Remove this pool's meters from the registry and stop timing its tasks.
	 */
	void unbind() {
		this.meters.forEach(this.registry::remove);
		this.meters.clear();
		if (this.timer != null) {
			this.pool.removeTaskTimer(this.timer);
		}
	}

}
