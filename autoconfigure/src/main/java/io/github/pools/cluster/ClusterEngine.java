package io.github.pools.cluster;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import com.hazelcast.cluster.memberselector.MemberSelectors;
import com.hazelcast.config.Config;
import com.hazelcast.config.DurableExecutorConfig;
import com.hazelcast.config.ExecutorConfig;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import io.github.pools.BrokenPoolException;
import io.github.pools.PendingTask;
import io.github.pools.PoolState;
import io.github.pools.RejectionReason;
import io.github.pools.SerializableCallable;
import io.github.pools.TaskRejectedException;
import io.github.pools.TaskTimeoutException;
import io.github.pools.TaskTimer;
import io.github.pools.internal.PoolControl;
import io.github.pools.internal.PoolEngine;
import io.github.pools.process.channel.Frame;
import io.github.pools.process.channel.FrameType;
import io.github.pools.process.channel.ResultDecoder;
import org.jspecify.annotations.Nullable;

/**
 * Hands a cluster pool's tasks to Hazelcast's executor, durable or not, and keeps the
 * tasks in flight: it bounds them ({@code queue-capacity}), counts them, times them
 * out, and tells the pool when the last one after a stop has completed.
 * <p>
 * No thread waits for a task: the answer completes the task's future from Hazelcast's
 * own completion callback.
 */
final class ClusterEngine implements PoolEngine {

	private static final System.Logger logger = System.getLogger(ClusterEngine.class.getName());

	private final PoolControl control;

	private final ClusterConfig config;

	private final ClusterMembers members;

	private final ResultDecoder decoder;

	private final Set<ClusterFuture<?>> inFlight = ConcurrentHashMap.newKeySet();

	/** Slots taken by tasks in flight, taken before a task is handed over. */
	private final AtomicInteger pending = new AtomicInteger();

	private final LongAdder submitted = new LongAdder();

	private final LongAdder completed = new LongAdder();

	private final LongAdder failed = new LongAdder();

	private final MemberPools.Entry declaration;

	ClusterEngine(PoolControl control, ClusterConfig config) {
		this.control = control;
		this.config = config;
		this.members = new ClusterMembers(control, config.hazelcast());
		this.decoder = new ResultDecoder(config.name(), config.codec());
		this.declaration = new MemberPools.Entry(config.codec(), applicationLoader(),
				config.maxMessageSize());
	}

	/**
	 * The loader that reads the tasks this member runs: the one of the thread that built
	 * the pool, which knows the application's classes even under a restart class loader.
	 */
	private static ClassLoader applicationLoader() {
		ClassLoader context = Thread.currentThread().getContextClassLoader();
		return (context != null) ? context : ClusterEngine.class.getClassLoader();
	}

	ClusterMembers members() {
		return this.members;
	}

	int pending() {
		return this.pending.get();
	}

	long submitted() {
		return this.submitted.sum();
	}

	long completed() {
		return this.completed.sum();
	}

	long failed() {
		return this.failed.sum();
	}

	@Override
	public void start() {
		ClusterSerialization.warnIfUnrestricted(this.config.hazelcast());
		configureExecutor();
		MemberPools.declare(this.config.name(), this.declaration);
		this.members.start();
	}

	/**
	 * Give the pool's executor its threads on every member, through Hazelcast's dynamic
	 * configuration, which reaches the members that join later too. An executor of that
	 * name configured otherwise (in {@code hazelcast.yaml}, say) keeps its configuration.
	 */
	private void configureExecutor() {
		String name = this.config.executorName();
		try {
			Config hazelcastConfig = this.config.hazelcast().getConfig();
			if (this.config.durable()) {
				hazelcastConfig.addDurableExecutorConfig(
						new DurableExecutorConfig(name).setPoolSize(this.config.threadsPerMember()));
			}
			else {
				hazelcastConfig.addExecutorConfig(new ExecutorConfig(name).setPoolSize(this.config.threadsPerMember())
					.setQueueCapacity(this.config.settings().queueCapacity()));
			}
		}
		catch (RuntimeException ex) {
			logger.log(Level.WARNING, "Cluster pool ''{0}'' keeps the configuration Hazelcast has for executor "
					+ "''{1}'': {2}", this.config.name(), name, ex.getMessage());
		}
	}

	/**
	 * Hand a task to the cluster. A failure to hand it over fails its future: once
	 * accepted, a task is never thrown back at the caller.
	 * @throws TaskRejectedException if {@code queue-capacity} tasks are in flight, or the
	 * pool stopped meanwhile
	 */
	<T> ClusterFuture<T> submit(@Nullable String taskType, SerializableCallable<T> task, byte[] payload,
			ClassLoader resultLoader) {
		int capacity = this.config.settings().queueCapacity();
		if (this.pending.incrementAndGet() > capacity) {
			release();
			throw this.control.saturated(capacity + " task(s) are in flight, its queue-capacity");
		}
		if (this.control.state() != PoolState.RUNNING) {
			release();
			throw this.control.stateRefusal();
		}
		ClusterFuture<T> future = new ClusterFuture<>(taskType, task);
		this.submitted.increment();
		this.inFlight.add(future);
		TaskTimer timer = this.control.taskTimer();
		future.whenComplete((result, failure) -> done(future, failure, timer));
		try {
			Future<byte[]> remote = handOver(new ClusterTask(this.config.name(), payload));
			future.handedOver(remote);
			listen(remote, future, resultLoader);
		}
		catch (RuntimeException ex) {
			future.completeExceptionally(translate(ex));
		}
		Duration timeout = this.config.taskTimeout();
		if (timeout != null && !future.isDone()) {
			// Fired on the JDK's delay thread itself: the common pool may start a thread per task.
			CompletableFuture.delayedExecutor(timeout.toNanos(), TimeUnit.NANOSECONDS, Runnable::run)
				.execute(() -> timedOut(future, timeout));
		}
		return future;
	}

	private Future<byte[]> handOver(ClusterTask task) {
		if (this.config.durable()) {
			return this.config.hazelcast().getDurableExecutorService(this.config.executorName()).submit(task);
		}
		// To a member picked at random, not to a partition's owner: a task sent to a
		// partition would be sent again to its next owner when its member leaves.
		return this.config.hazelcast()
			.getExecutorService(this.config.executorName())
			.submit(task, MemberSelectors.DATA_MEMBER_SELECTOR);
	}

	private void listen(Future<byte[]> remote, ClusterFuture<?> future, ClassLoader loader) {
		if (remote instanceof CompletionStage<?> stage) {
			// On the thread that completes Hazelcast's future: its default executor for
			// callbacks starts a thread per callback where the common pool has a single
			// thread (two cores), which cost ten times the engine's own throughput.
			stage.whenCompleteAsync((bytes, failure) -> answer(future, (byte[]) bytes, failure, loader),
					Runnable::run);
			return;
		}
		// Hazelcast's futures are completion stages; a blocking wait only for one that is not
		CompletableFuture.runAsync(() -> {
			try {
				answer(future, remote.get(), null, loader);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				answer(future, null, ex, loader);
			}
			catch (ExecutionException | RuntimeException ex) {
				answer(future, null, ex, loader);
			}
		});
	}

	@SuppressWarnings("unchecked")
	private void answer(ClusterFuture<?> future, byte @Nullable [] bytes, @Nullable Throwable failure,
			ClassLoader loader) {
		if (future.isDone()) {
			return; // timed out or cancelled: the answer is dropped
		}
		if (failure != null || bytes == null || bytes.length < Frame.HEADER_SIZE) {
			future.completeExceptionally((failure != null) ? translate(failure)
					: new IllegalStateException("Cluster pool '" + this.config.name() + "' got no answer"));
			return;
		}
		FrameType type = (bytes[2] == FrameType.RESULT.code()) ? FrameType.RESULT : FrameType.ERROR;
		ResultDecoder.Outcome outcome = this.decoder
			.decode(new Frame(type, bytes, Frame.HEADER_SIZE, bytes.length - Frame.HEADER_SIZE), loader);
		if (outcome.failure() != null) {
			future.completeExceptionally(outcome.failure());
		}
		else {
			((CompletableFuture<Object>) future).complete(outcome.value());
		}
	}

	/**
	 * Turn what Hazelcast failed a task with into the pool's own exceptions.
	 */
	private Throwable translate(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof CompletionException || cause.getClass() == ExecutionException.class)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		String name = this.config.name();
		if (cause instanceof com.hazelcast.core.MemberLeftException left) {
			return new MemberLeftException(name, ClusterMembers.describe(left.getMember()), left);
		}
		if (cause instanceof HazelcastInstanceNotActiveException) {
			return new BrokenPoolException(name,
					"Cluster pool '" + name + "' cannot reach its cluster: its Hazelcast instance is not active", cause);
		}
		if (cause instanceof RejectedExecutionException && !(cause instanceof TaskRejectedException)) {
			return new TaskRejectedException(name, RejectionReason.SATURATED,
					"Cluster pool '" + name + "': the cluster refused the task: " + cause.getMessage(), cause);
		}
		return cause;
	}

	private void timedOut(ClusterFuture<?> future, Duration timeout) {
		String message = "Task in pool '" + this.config.name() + "' ran longer than its task-timeout of " + timeout
				+ "; it was cancelled on its member";
		if (future.completeExceptionally(new TaskTimeoutException(this.config.name(), timeout, message))) {
			future.cancelRemote();
		}
	}

	private void done(ClusterFuture<?> future, @Nullable Throwable failure, @Nullable TaskTimer timer) {
		this.inFlight.remove(future);
		this.completed.increment();
		if (failure != null) {
			this.failed.increment();
		}
		if (timer != null) {
			// A member does not report when the task started: the round trip counts as execution.
			timer.record(0, System.nanoTime() - future.submittedNanos());
		}
		release();
	}

	private void release() {
		if (this.pending.decrementAndGet() == 0 && this.control.state() == PoolState.STOPPING) {
			finish();
		}
	}

	@Override
	public void stop() {
		if (this.pending.get() == 0) {
			finish();
		}
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Every task in flight is cancelled, here and, as far as Hazelcast can, on its
	 * member. None is returned: once handed over, Pools cannot tell whether a task has
	 * started.
	 */
	@Override
	public List<PendingTask> stopNow() {
		for (ClusterFuture<?> future : List.copyOf(this.inFlight)) {
			future.cancel(true);
		}
		return List.of();
	}

	private void finish() {
		this.members.stop();
		MemberPools.forget(this.config.name(), this.declaration);
		this.control.terminated();
	}

}
