package io.github.pools.actuate;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.github.pools.InvalidPoolSettingException;
import io.github.pools.PoolKind;
import io.github.pools.PoolManager;
import io.github.pools.PoolRegistry;
import io.github.pools.PoolStats;
import io.github.pools.WorkerProcessStats;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@link Endpoint @Endpoint} that shows the pools of a {@link PoolRegistry} and resizes
 * them: {@code GET /actuator/pools} lists every pool keyed by name,
 * {@code GET /actuator/pools/{name}} shows one, and {@code POST /actuator/pools/{name}}
 * with {@code {"coreSize": 2, "maxSize": 8}} changes a pool's core and maximum size while
 * it runs. An unknown name answers 404 to every operation (over HTTP through
 * {@link PoolsEndpointWebExtension}).
 * <p>
 * Access follows Spring Boot's model: the endpoint is read-only by default, and
 * {@code management.endpoint.pools.access=unrestricted} offers the resize operation;
 * protect it as any Actuator write operation.
 * <p>
 * Every value is read from {@link PoolManager#stats()}, so it is approximate while tasks
 * move, and nothing blocks. Each pool's {@code state} is {@code running} (accepting
 * tasks), {@code stopped} (not started yet, stopping or stopped: it accepts no tasks) or
 * {@code broken} (its workers cannot start); {@code lifecycle} is the exact
 * {@link io.github.pools.PoolState} in lowercase. Rejections are counted by reason
 * ({@code taskType}, {@code saturated}, {@code shutdown}, {@code broken}); a process pool
 * adds {@code processes}, its worker JVMs. Every key of the JSON is in camel case.
 */
@Endpoint(id = "pools", defaultAccess = Access.READ_ONLY)
public class PoolsEndpoint {

	private static final Log logger = LogFactory.getLog(PoolsEndpoint.class);

	private final PoolRegistry registry;

	/**
	 * Create a new instance.
	 * @param registry the pools to show and resize
	 */
	public PoolsEndpoint(PoolRegistry registry) {
		this.registry = registry;
	}

	/**
	 * List every pool.
	 * @return the pools, keyed by name in ascending order
	 */
	@ReadOperation
	public PoolsDescriptor pools() {
		Map<String, PoolDescriptor> pools = new TreeMap<>();
		for (PoolManager pool : this.registry.pools()) {
			pools.put(pool.name(), describe(pool, pool.stats()));
		}
		return new PoolsDescriptor(pools);
	}

	/**
	 * Show one pool.
	 * @param name the pool name
	 * @return the pool, or {@code null} (a 404 over HTTP) if no pool has that name
	 */
	@ReadOperation
	public @Nullable PoolDescriptor pool(@Selector String name) {
		return this.registry.find(name).map((pool) -> describe(pool, pool.stats())).orElse(null);
	}

	/**
	 * Change one pool's core and maximum size, validated exactly as at startup
	 * ({@link PoolManager#resize(int, int)}); an applied change is logged at INFO.
	 * Threads above a smaller size end when they are next idle; running tasks are never
	 * interrupted. The queue capacity cannot be changed: a bounded queue that holds more
	 * tasks than a smaller capacity would have to drop accepted tasks.
	 * @param name the pool name
	 * @param coreSize the new core size, at least 0
	 * @param maxSize the new maximum size, at least 1 and at least {@code coreSize}
	 * @return the pool after the change, or {@code null} if no pool has that name
	 * @throws InvalidEndpointRequestException (a 400 over HTTP) if a size breaks a rule;
	 * nothing changes then
	 */
	@WriteOperation
	public @Nullable PoolDescriptor resize(@Selector String name, int coreSize, int maxSize) {
		PoolManager pool = this.registry.find(name).orElse(null);
		if (pool == null) {
			return null;
		}
		PoolStats before = pool.stats();
		try {
			pool.resize(coreSize, maxSize);
		}
		catch (InvalidPoolSettingException | UnsupportedOperationException ex) {
			throw new InvalidEndpointRequestException(ex.getMessage(), ex.getMessage(), ex);
		}
		PoolStats after = pool.stats();
		logger.info("Pool '" + name + "' resized through the pools endpoint: core size " + before.coreSize() + " -> "
				+ after.coreSize() + ", max size " + before.maxSize() + " -> " + after.maxSize());
		return describe(pool, after);
	}

	private static PoolDescriptor describe(PoolManager pool, PoolStats stats) {
		WorkerProcessStats processes = stats.processes();
		return new PoolDescriptor(stats.kind().name().toLowerCase(Locale.ROOT), stats.taskType(),
				PoolDescriptions.state(stats.state()), PoolDescriptions.lifecycle(stats.state()),
				PoolDescriptions.saturated(stats),
				new WorkersDescriptor(stats.workers(), stats.busyWorkers(), stats.maxSize(), stats.coreSize()),
				new QueueDescriptor(stats.queued(), stats.queueCapacity(), stats.queueRemaining()), stats.completed(),
				stats.failed(), PoolDescriptions.rejected(stats),
				(processes != null) ? ProcessesDescriptor.of(processes) : null,
				(stats.kind() == PoolKind.CLUSTER) ? ClusterDetails.describe(pool) : null);
	}

	/**
	 * Every pool of the registry.
	 *
	 * @param pools the pools keyed by name, in ascending order
	 */
	public record PoolsDescriptor(Map<String, PoolDescriptor> pools) implements OperationResponseBody {

	}

	/**
	 * One pool.
	 *
	 * @param kind {@code thread}, {@code process} or {@code cluster}
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
	 * @param rejected tasks refused at submit, by reason: {@code taskType},
	 * {@code saturated}, {@code shutdown}, {@code broken}
	 * @param processes the worker JVMs of a process pool, or {@code null} (left out of the
	 * JSON) for the other kinds
	 * @param cluster the members of a cluster pool, or {@code null} (left out of the JSON)
	 * for the other kinds
	 */
	public record PoolDescriptor(String kind, @Nullable String taskType, String state, String lifecycle,
			boolean saturated, WorkersDescriptor workers, QueueDescriptor queue, long completed, long failed,
			Map<String, Long> rejected, @Nullable ProcessesDescriptor processes,
			@Nullable ClusterDescriptor cluster) implements OperationResponseBody {

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
	 * @param exits workers that ended, by reason: {@code crash}, {@code timeout},
	 * {@code cancelled}, {@code protocolError}, {@code recycled}, {@code idle},
	 * {@code shutdown}
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

	/**
	 * The cluster of a cluster pool. For such a pool, {@code workers} are the threads of
	 * all members that run its tasks, and {@code queue} counts the tasks in flight beyond
	 * them.
	 *
	 * @param members the members tasks can run on, as {@code host:port}
	 * @param durable whether a task whose member dies runs again on another
	 * @param submitted tasks accepted here since the pool started
	 * @param pending tasks accepted here that have not completed
	 */
	public record ClusterDescriptor(List<String> members, boolean durable, long submitted, int pending) {

	}

}
