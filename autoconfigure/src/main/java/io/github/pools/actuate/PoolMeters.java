package io.github.pools.actuate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.github.pools.PoolKind;
import io.github.pools.PoolManager;
import io.github.pools.PoolStats;
import io.github.pools.RejectionReason;
import io.github.pools.TaskTimer;
import io.github.pools.WorkerExitReason;
import io.github.pools.WorkerProcessStats;
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
 * JVMs. The {@code pools.*} meters are Pools' own.
 */
final class PoolMeters {

	private final PoolManager pool;

	private final MeterRegistry registry;

	private final List<Meter> meters = new ArrayList<>();

	private final @Nullable TaskTimer timer;

	private PoolMeters(PoolManager pool, MeterRegistry registry, boolean taskTimers) {
		this.pool = pool;
		this.registry = registry;
		Tags tags = Tags.of("name", pool.name());
		bindExecutorMeters(tags);
		bindTaskCounters(tags);
		if (pool.kind() == PoolKind.PROCESS) {
			bindWorkerCounters(tags);
		}
		this.timer = taskTimers ? bindTimers(tags) : null;
	}

	static PoolMeters bind(PoolManager pool, MeterRegistry registry, boolean taskTimers) {
		return new PoolMeters(pool, registry, taskTimers);
	}

	private void bindExecutorMeters(Tags tags) {
		this.meters.add(FunctionCounter.builder("executor.completed", this.pool, (p) -> p.stats().completed())
			.tags(tags)
			.description("The approximate total number of tasks that have completed execution")
			.baseUnit(BaseUnits.TASKS)
			.register(this.registry));
		gauge("executor.active", tags, "The approximate number of threads that are actively executing tasks",
				BaseUnits.THREADS, PoolStats::busyWorkers);
		gauge("executor.queued", tags, "The approximate number of tasks that are queued for execution",
				BaseUnits.TASKS, PoolStats::queued);
		gauge("executor.queue.remaining", tags,
				"The number of additional elements that this queue can ideally accept without blocking",
				BaseUnits.TASKS, PoolStats::queueRemaining);
		gauge("executor.pool.size", tags, "The current number of threads in the pool", BaseUnits.THREADS,
				PoolStats::workers);
		gauge("executor.pool.core", tags, "The core number of threads for the pool", BaseUnits.THREADS,
				PoolStats::coreSize);
		gauge("executor.pool.max", tags, "The maximum allowed number of threads in the pool", BaseUnits.THREADS,
				PoolStats::maxSize);
	}

	private void bindTaskCounters(Tags tags) {
		for (RejectionReason reason : RejectionReason.values()) {
			this.meters.add(FunctionCounter
				.builder("pools.tasks.rejected", this.pool, (p) -> p.stats().rejected().get(reason))
				.tags(tags.and(Tag.of("reason", reason.tagValue())))
				.description("Tasks refused at submit, by reason")
				.baseUnit(BaseUnits.TASKS)
				.register(this.registry));
		}
		this.meters.add(FunctionCounter.builder("pools.tasks.failed", this.pool, (p) -> p.stats().failed())
			.tags(tags)
			.description("Tasks that completed with an exception")
			.baseUnit(BaseUnits.TASKS)
			.register(this.registry));
	}

	private void bindWorkerCounters(Tags tags) {
		workerCounter("pools.workers.starts", tags, "Worker JVMs that became ready", WorkerProcessStats::starts);
		workerCounter("pools.workers.restarts", tags,
				"Worker JVMs started to replace one that crashed, timed out, was cancelled or was recycled",
				WorkerProcessStats::restarts);
		workerCounter("pools.workers.start.failures", tags, "Attempts to start a worker JVM that failed",
				WorkerProcessStats::startFailures);
		for (WorkerExitReason reason : WorkerExitReason.values()) {
			workerCounter("pools.workers.exits", tags.and(Tag.of("reason", reason.tagValue())),
					"Worker JVMs that ended, by reason", (stats) -> stats.exits().get(reason));
		}
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
		this.pool.setTaskTimer(timer);
		return timer;
	}

	private void gauge(String name, Tags tags, String description, String baseUnit,
			ToDoubleFunction<PoolStats> value) {
		this.meters.add(Gauge.builder(name, this.pool, (p) -> value.applyAsDouble(p.stats()))
			.tags(tags)
			.description(description)
			.baseUnit(baseUnit)
			.strongReference(true)
			.register(this.registry));
	}

	private void workerCounter(String name, Tags tags, String description,
			ToDoubleFunction<WorkerProcessStats> value) {
		this.meters.add(FunctionCounter.builder(name, this.pool, (p) -> {
			WorkerProcessStats processes = p.stats().processes();
			return (processes != null) ? value.applyAsDouble(processes) : 0;
		}).tags(tags).description(description).baseUnit("workers").register(this.registry));
	}

	/**
	 * Remove this pool's meters from the registry and stop timing its tasks.
	 */
	void unbind() {
		this.meters.forEach(this.registry::remove);
		this.meters.clear();
		if (this.timer != null) {
			this.pool.setTaskTimer(null);
		}
	}

}
