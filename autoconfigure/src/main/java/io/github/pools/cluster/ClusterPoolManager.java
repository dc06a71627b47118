package io.github.pools.cluster;

import java.io.IOException;
import java.io.NotSerializableException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import com.hazelcast.core.HazelcastInstance;

import io.github.pools.PendingTask;
import io.github.pools.PoolCounters;
import io.github.pools.PoolKind;
import io.github.pools.PoolListener;
import io.github.pools.PoolState;
import io.github.pools.PoolStats;
import io.github.pools.RejectionReason;
import io.github.pools.RemotePoolManager;
import io.github.pools.SerializableCallable;
import io.github.pools.TaskSerializationException;
import io.github.pools.TaskTimer;
import io.github.pools.internal.PoolControl;
import io.github.pools.internal.RemoteChunk;
import io.github.pools.process.channel.FrameBuffer;
import io.github.pools.process.channel.ObjectCodec;
import org.jspecify.annotations.Nullable;

/**
 * A pool whose tasks run on the members of a Hazelcast cluster, the application's own
 * JVM possibly among them, optionally restricted to one task type: the same contract as
 * a {@link io.github.pools.process.ProcessPoolManager}, for work that outgrows one
 * machine.
 *
 * <h2>Where tasks run</h2>
 * A task is serialized at submit, on the caller's thread, and handed to a Hazelcast
 * executor named {@code pools.<name>}, which runs it on some member with one of that
 * member's {@code threads-per-member} threads. Every member must run the same
 * application, or at least declare the same cluster pool: a member reads a task through
 * its own pool's allow-list, never one that comes with the task. Hazelcast itself only
 * sees Pools' envelope and bytes; tasks, results and exceptions cross as they do for
 * process pools, exceptions as {@link io.github.pools.RemoteTaskException}s.
 *
 * <h2>Members that leave</h2>
 * A <em>durable</em> pool (the default) uses Hazelcast's durable executor, which keeps
 * each task on a backup member: a task whose member dies before it finishes runs again
 * on another member, and its future still completes. Tasks therefore run <em>at least
 * once</em>, and must be idempotent. A pool that is not durable fails such a task with
 * {@link MemberLeftException}, which names the member. Either way listeners hear of the
 * member through {@link PoolListener#memberLeft}.
 *
 * <h2>Queuing, timeouts, stopping</h2>
 * At most {@code queue-capacity} tasks submitted here may be in flight; another is
 * refused with {@link io.github.pools.TaskRejectedException} ({@code SATURATED}). A task
 * that takes longer than {@code task-timeout} fails with
 * {@link io.github.pools.TaskTimeoutException} and is cancelled on its member (a
 * started task is interrupted). {@link #stop()} refuses new tasks and terminates once
 * those in flight have completed; {@link #stopNow()} cancels them. If the Hazelcast
 * instance shuts down under a pool, its tasks in flight fail with
 * {@link io.github.pools.BrokenPoolException}. Every future handed out completes.
 *
 * <h2>Use without Spring</h2>
 * <pre class="code">
 * HazelcastInstance hazelcast = Hazelcast.newHazelcastInstance(config);
 * try (ClusterPoolManager grid = ClusterPoolManager.builder("grid", hazelcast).taskType("grid")
 *         .allowedClasses(List.of("com.example.**")).build()) {
 *     grid.start();
 *     long primes = grid.submit("grid", () -&gt; Primes.count(0, 10_000_000)).get();
 * }
 * </pre>
 */
public final class ClusterPoolManager implements RemotePoolManager {

	private final PoolControl control;

	private final ClusterConfig config;

	private final ClusterEngine engine;

	ClusterPoolManager(ClusterConfig config) {
		this.control = new PoolControl(this, config.settings());
		this.config = config;
		this.engine = new ClusterEngine(this.control, config);
	}

	/**
	 * Start building a cluster pool.
	 * @param name the pool name, unique in its registry and the same on every member
	 * @param hazelcast the instance whose cluster runs the tasks
	 * @return a builder with every other setting at its default
	 */
	public static ClusterPoolBuilder builder(String name, HazelcastInstance hazelcast) {
		Objects.requireNonNull(hazelcast, "hazelcast must not be null");
		return new ClusterPoolBuilder(name, () -> hazelcast);
	}

	/**
	 * Start building a cluster pool on an instance that is looked up when the pool is
	 * built, so that the settings can be validated before any member starts.
	 * @param name the pool name, unique in its registry and the same on every member
	 * @param hazelcast supplies the instance whose cluster runs the tasks, once, at
	 * {@link ClusterPoolBuilder#build()}
	 * @return a builder with every other setting at its default
	 */
	public static ClusterPoolBuilder builder(String name, Supplier<HazelcastInstance> hazelcast) {
		return new ClusterPoolBuilder(name, Objects.requireNonNull(hazelcast, "hazelcast must not be null"));
	}

	@Override
	public String name() {
		return this.control.name();
	}

	@Override
	public @Nullable String taskType() {
		return this.control.taskType();
	}

	@Override
	public PoolKind kind() {
		return PoolKind.CLUSTER;
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * The task runs on some member, possibly this one; its future is completed by
	 * Hazelcast's completion callback, so dependent stages added with the non-async
	 * methods run on Hazelcast's threads: keep them short.
	 * @throws TaskSerializationException if the task cannot be serialized or is larger
	 * than {@code max-message-size}; nothing is sent
	 */
	@Override
	public <T> CompletableFuture<T> submit(@Nullable String taskType, SerializableCallable<T> task) {
		Objects.requireNonNull(task, "task must not be null");
		this.control.checkAccepting(taskType);
		// A batch's chunk is a class of Pools; its results are the user's function's.
		ClassLoader resultLoader = (task instanceof RemoteChunk chunk) ? chunk.resultLoader()
				: RemoteChunk.loaderOf(task);
		return this.engine.submit(taskType, task, serialize(task), resultLoader);
	}

	private byte[] serialize(SerializableCallable<?> task) {
		FrameBuffer buffer = new FrameBuffer(512);
		try {
			ObjectCodec.write(buffer, task);
		}
		catch (NotSerializableException ex) {
			throw new TaskSerializationException(
					"Task for pool '" + name() + "' cannot be sent to the cluster: " + ObjectCodec.describe(ex), ex);
		}
		catch (IOException | RuntimeException ex) {
			throw new TaskSerializationException("Task for pool '" + name() + "' could not be serialized: " + ex, ex);
		}
		if (buffer.payloadSize() > this.config.maxMessageSize()) {
			throw new TaskSerializationException("Task for pool '" + name() + "' is " + buffer.payloadSize()
					+ " bytes serialized, more than max-message-size (" + this.config.maxMessageSize() + " bytes)");
		}
		return buffer.payload();
	}

	/**
	 * Return whether tasks survive the death of their member.
	 * @return {@code true} if the pool uses Hazelcast's durable executor
	 */
	public boolean isDurable() {
		return this.config.durable();
	}

	/**
	 * Return the members tasks can run on now.
	 * @return their addresses as {@code host:port}; empty if the pool's Hazelcast
	 * instance is not running, and then the pool cannot run tasks
	 */
	public List<String> members() {
		return this.engine.members().addresses();
	}

	/**
	 * Return how many tasks submitted here have not completed.
	 * @return the tasks in flight
	 */
	public int pending() {
		return this.engine.pending();
	}

	/**
	 * Return how many tasks were accepted here since the pool started.
	 * @return the tasks accepted and handed to the cluster
	 */
	public long submitted() {
		return this.engine.submitted();
	}

	/**
	 * Return how long a task may take.
	 * @return the task timeout, or {@code null} for none
	 */
	public @Nullable Duration taskTimeout() {
		return this.config.taskTimeout();
	}

	/**
	 * Does nothing: the members are the cluster's, not the pool's.
	 * @param count ignored
	 * @return 0
	 */
	@Override
	public int prestart(int count) {
		return 0;
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * For a cluster pool, core and maximum size are the threads per member;
	 * {@code workers} are those threads on all members, {@code busyWorkers} the tasks in
	 * flight up to that number and {@code queued} the rest: an estimate, since a member
	 * does not report when a task starts.
	 */
	@Override
	public PoolStats stats() {
		int threads = this.config.threadsPerMember();
		int workers = this.engine.members().count() * threads;
		int pending = this.engine.pending();
		return new PoolStats(name(), PoolKind.CLUSTER, state(), taskType(), threads, threads, workers,
				Math.min(pending, workers), Math.max(0, pending - workers), this.config.settings().queueCapacity(),
				this.engine.completed(), this.engine.failed(), this.control.rejections(), null);
	}

	/**
	 * Return the pool's counters, each read on its own, as {@link #stats()} computes it.
	 * @return the counters
	 */
	@Override
	public PoolCounters counters() {
		return this.counters;
	}

	private final PoolCounters counters = new PoolCounters() {

		@Override
		public int coreSize() {
			return ClusterPoolManager.this.config.threadsPerMember();
		}

		@Override
		public int maxSize() {
			return coreSize();
		}

		@Override
		public int workers() {
			return ClusterPoolManager.this.engine.members().count() * coreSize();
		}

		@Override
		public int busyWorkers() {
			return Math.min(ClusterPoolManager.this.engine.pending(), workers());
		}

		@Override
		public int queued() {
			return Math.max(0, ClusterPoolManager.this.engine.pending() - workers());
		}

		@Override
		public int queueCapacity() {
			return ClusterPoolManager.this.config.settings().queueCapacity();
		}

		@Override
		public long completed() {
			return ClusterPoolManager.this.engine.completed();
		}

		@Override
		public long failed() {
			return ClusterPoolManager.this.engine.failed();
		}

		@Override
		public long rejected(RejectionReason reason) {
			return ClusterPoolManager.this.control.rejected(reason);
		}

	};

	/**
	 * Not supported: the threads of a Hazelcast executor are fixed once it runs.
	 * @throws UnsupportedOperationException always
	 */
	@Override
	public void resize(int coreSize, int maxSize) {
		throw new UnsupportedOperationException("Cluster pool '" + name()
				+ "' cannot be resized: the threads per member of a Hazelcast executor are fixed once it runs");
	}

	// ---- life cycle, delegated to the shared control

	@Override
	public void start() {
		this.control.start(this.engine);
	}

	@Override
	public PoolState state() {
		return this.control.state();
	}

	@Override
	public void check() {
		this.control.check();
	}

	@Override
	public void stop() {
		this.control.stop(this.engine);
	}

	@Override
	public List<PendingTask> stopNow() {
		return this.control.stopNow(this.engine);
	}

	@Override
	public boolean awaitTermination(Duration timeout) throws InterruptedException {
		return this.control.awaitTermination(timeout);
	}

	@Override
	public boolean isTerminated() {
		return this.control.isTerminated();
	}

	@Override
	public void close() {
		this.control.close(this.engine);
	}

	/**
	 * Return how long {@link #close()} waits for tasks in flight before it cancels them.
	 * @return the await-termination period, {@link Duration#ZERO} for none
	 */
	public Duration awaitTerminationPeriod() {
		return this.control.awaitTerminationPeriod();
	}

	@Override
	public void addListener(PoolListener listener) {
		this.control.addListener(listener);
	}

	@Override
	public void removeListener(PoolListener listener) {
		this.control.removeListener(listener);
	}

	@Override
	public void addTaskTimer(TaskTimer timer) {
		this.control.addTaskTimer(timer);
	}

	@Override
	public void removeTaskTimer(TaskTimer timer) {
		this.control.removeTaskTimer(timer);
	}

	@Override
	public String toString() {
		return this.control.toString();
	}

}
