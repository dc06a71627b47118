package io.github.pools.actuate;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.pools.PoolManager;
import io.github.pools.PoolRegistry;
import io.github.pools.PoolStats;
import io.github.pools.WorkerProcessStats;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@link Endpoint @Endpoint} that shows the pools of a {@link PoolRegistry}:
 * {@code GET /actuator/pools} lists every pool by name, {@code GET /actuator/pools/{name}}
 * shows one, and an unknown name answers 404. Every value is read from
 * {@link PoolManager#stats()}, so it is approximate while tasks move, and nothing blocks.
 * <p>
 * The endpoint is read-only. {@link ResizablePoolsEndpoint} adds a write operation that
 * changes a pool's core and maximum size; it is used instead of this class when
 * {@code pools.management.resize-enabled} is {@code true}.
 * <p>
 * Each pool's {@code state} is {@code running} (accepting tasks), {@code stopped} (not
 * started yet, stopping or stopped: it accepts no tasks) or {@code broken} (its workers
 * cannot start); {@code lifecycle} is the exact {@link io.github.pools.PoolState} in
 * lowercase. Rejections are counted by reason ({@code task-type}, {@code saturated},
 * {@code shutdown}, {@code broken}); a process pool adds {@code processes}, its worker
 * JVMs.
 */
@Endpoint(id = "pools")
public class PoolsEndpoint {

	private final PoolRegistry registry;

	/**
	 * Create a new instance.
	 * @param registry the pools to show
	 */
	public PoolsEndpoint(PoolRegistry registry) {
		this.registry = registry;
	}

	/**
	 * List every pool.
	 * @return the pools, ordered by name
	 */
	@ReadOperation
	public PoolsDescriptor pools() {
		return new PoolsDescriptor(this.registry.pools().stream().map((pool) -> describe(pool.stats())).toList());
	}

	/**
	 * Show one pool.
	 * @param name the pool name
	 * @return the pool, or {@code null} (a 404 over HTTP) if no pool has that name
	 */
	@ReadOperation
	public @Nullable PoolDescriptor pool(@Selector String name) {
		return this.registry.find(name).map((pool) -> describe(pool.stats())).orElse(null);
	}

	/**
	 * Return the registry whose pools this endpoint shows.
	 * @return the registry
	 */
	protected final PoolRegistry getRegistry() {
		return this.registry;
	}

	/**
	 * Describe one pool's statistics.
	 * @param stats the statistics
	 * @return the description
	 */
	protected static PoolDescriptor describe(PoolStats stats) {
		WorkerProcessStats processes = stats.processes();
		return new PoolDescriptor(stats.name(), stats.kind().name().toLowerCase(Locale.ROOT), stats.taskType(),
				PoolDescriptions.state(stats.state()), PoolDescriptions.lifecycle(stats.state()),
				PoolDescriptions.saturated(stats),
				new WorkersDescriptor(stats.workers(), stats.busyWorkers(), stats.maxSize(), stats.coreSize()),
				new QueueDescriptor(stats.queued(), stats.queueCapacity(), stats.queueRemaining()), stats.completed(),
				stats.failed(), PoolDescriptions.rejected(stats),
				(processes != null) ? ProcessesDescriptor.of(processes) : null);
	}

	/**
	 * Every pool of the registry.
	 *
	 * @param pools the pools, ordered by name
	 */
	public record PoolsDescriptor(List<PoolDescriptor> pools) implements OperationResponseBody {

	}

	/**
	 * One pool.
	 *
	 * @param name the pool name
	 * @param kind {@code thread} or {@code process}
	 * @param taskType the one task type the pool accepts, or {@code null} (left out of
	 * the JSON) if it accepts every task
	 * @param state {@code running}, {@code stopped} or {@code broken}
	 * @param lifecycle {@code new}, {@code running}, {@code stopping}, {@code terminated}
	 * or {@code broken}
	 * @param saturated whether every worker is busy and the queue is full right now
	 * @param workers the pool's workers
	 * @param queue the pool's queue
	 * @param completed tasks that finished, successfully or not
	 * @param failed of those, tasks that finished with an exception
	 * @param rejected tasks refused at submit, by reason
	 * @param processes the worker JVMs of a process pool, or {@code null} (left out of the
	 * JSON) for a thread pool
	 */
	public record PoolDescriptor(String name, String kind, @Nullable String taskType, String state, String lifecycle,
			boolean saturated, WorkersDescriptor workers, QueueDescriptor queue, long completed, long failed,
			Map<String, Long> rejected, @Nullable ProcessesDescriptor processes) implements OperationResponseBody {

	}

	/**
	 * The workers of a pool: threads, or worker JVMs for a process pool.
	 *
	 * @param current live workers
	 * @param busy workers running a task
	 * @param max most workers the pool runs at once
	 * @param core workers kept alive when idle
	 */
	public record WorkersDescriptor(int current, int busy, int max, int core) {

	}

	/**
	 * The queue of a pool.
	 *
	 * @param size tasks accepted but not started
	 * @param capacity most tasks that can wait
	 * @param remaining how many more tasks the queue can take right now
	 */
	public record QueueDescriptor(int size, int capacity, int remaining) {

	}

	/**
	 * The worker JVMs of a process pool.
	 *
	 * @param crashes workers that died on their own
	 * @param timeouts workers killed because a task outlived the task timeout
	 * @param restarts workers started to replace one that ended
	 * @param starts workers that became ready
	 * @param startFailures attempts to start a worker that failed
	 * @param exits workers that ended, by reason
	 * @param pids process ids of the live workers, ascending
	 */
	public record ProcessesDescriptor(long crashes, long timeouts, long restarts, long starts, long startFailures,
			Map<String, Long> exits, List<Long> pids) {

		static ProcessesDescriptor of(WorkerProcessStats processes) {
			return new ProcessesDescriptor(processes.crashes(), processes.timeouts(), processes.restarts(),
					processes.starts(), processes.startFailures(), PoolDescriptions.exits(processes.exits()),
					processes.pids());
		}

	}

}
