package io.github.pools.support;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import io.github.pools.BrokenPoolException;
import io.github.pools.PendingTask;
import io.github.pools.PoolListener;
import io.github.pools.PoolManager;
import io.github.pools.PoolState;
import io.github.pools.RejectionReason;
import io.github.pools.TaskRejectedException;
import io.github.pools.TaskTimer;
import io.github.pools.UnknownTaskTypeException;
import org.jspecify.annotations.Nullable;

/**
 * Base class of both pool kinds: the state machine, the task-type guard, rejection
 * counting, listeners and the {@link #close()} sequence. Not meant for applications.
 * <p>
 * Subclasses call {@link #checkAccepting(String)} first thing in every submit, call
 * {@link #terminated()} once the last accepted task has completed after a stop, and
 * implement the {@code do*} hooks.
 */
public abstract class AbstractPoolManager implements PoolManager {

	private static final System.Logger logger = System.getLogger(AbstractPoolManager.class.getName());

	private final String name;

	private final @Nullable String taskType;

	private final Duration awaitTerminationPeriod;

	/** Only moves forward, see {@link PoolState}; read on every submit. */
	private final AtomicReference<PoolState> state = new AtomicReference<>(PoolState.NEW);

	private final CountDownLatch termination = new CountDownLatch(1);

	private final EnumMap<RejectionReason, LongAdder> rejections = new EnumMap<>(RejectionReason.class);

	private final List<PoolListener> listeners = new CopyOnWriteArrayList<>();

	private volatile @Nullable TaskTimer taskTimer;

	/** Set once, before the state becomes {@link PoolState#BROKEN}. */
	private volatile @Nullable Throwable brokenCause;

	/**
	 * Create a new instance.
	 * @param name the pool name
	 * @param taskType the one accepted task type, or {@code null} to accept any
	 * @param awaitTerminationPeriod how long {@link #close()} waits before stopping at
	 * once; {@link Duration#ZERO} to stop at once
	 */
	protected AbstractPoolManager(String name, @Nullable String taskType, Duration awaitTerminationPeriod) {
		this.name = name;
		this.taskType = taskType;
		this.awaitTerminationPeriod = awaitTerminationPeriod;
		for (RejectionReason reason : RejectionReason.values()) {
			this.rejections.put(reason, new LongAdder());
		}
	}

	@Override
	public final String name() {
		return this.name;
	}

	@Override
	public final @Nullable String taskType() {
		return this.taskType;
	}

	@Override
	public final PoolState state() {
		return this.state.get();
	}

	/**
	 * Return how long {@link #close()} waits for accepted tasks.
	 * @return the await-termination period, {@link Duration#ZERO} for none
	 */
	public final Duration awaitTerminationPeriod() {
		return this.awaitTerminationPeriod;
	}

	// ---- submit-side guards

	/**
	 * Refuse a task unless its type matches and the pool is running. Cheap enough for
	 * every submit: one string comparison and one volatile read.
	 * @param taskType the task type given at submit
	 * @throws UnknownTaskTypeException if the type does not match
	 * @throws TaskRejectedException if the pool is not running
	 */
	protected final void checkAccepting(@Nullable String taskType) {
		String own = this.taskType;
		if (own != null && !own.equals(taskType)) {
			throw rejected(new UnknownTaskTypeException(this.name, own, taskType));
		}
		PoolState current = this.state.get();
		if (current != PoolState.RUNNING) {
			throw rejected(notAccepting(current));
		}
	}

	@Override
	public void check() {
		PoolState current = this.state.get();
		if (current != PoolState.RUNNING) {
			throw notAccepting(current);
		}
	}

	private TaskRejectedException notAccepting(PoolState current) {
		if (current == PoolState.BROKEN) {
			return brokenException();
		}
		String what = switch (current) {
			case NEW -> "has not been started";
			case STOPPING -> "is stopping";
			default -> "has been stopped";
		};
		return new TaskRejectedException(this.name, RejectionReason.SHUTDOWN,
				"Pool '" + this.name + "' " + what + " and accepts no tasks");
	}

	/**
	 * Return the exception that describes why the pool is broken.
	 * @return a new exception whose cause is the failure that broke the pool
	 */
	protected final BrokenPoolException brokenException() {
		Throwable cause = this.brokenCause;
		String detail = (cause != null) ? ": " + cause.getMessage() : "";
		return new BrokenPoolException(this.name, "Pool '" + this.name + "' is broken" + detail, cause);
	}

	/**
	 * Count a refusal, tell the listeners, and hand the exception back for throwing.
	 * @param <E> the exception type
	 * @param exception the refusal
	 * @return the same exception
	 */
	protected final <E extends TaskRejectedException> E rejected(E exception) {
		countRejection(exception.getReason());
		return exception;
	}

	/**
	 * Count a refusal that does not throw (a discarding rejection policy) and tell the
	 * listeners.
	 * @param reason why the task was refused
	 */
	protected final void countRejection(RejectionReason reason) {
		this.rejections.get(reason).increment();
		notifyListeners((listener) -> listener.taskRejected(this, reason));
	}

	/**
	 * Return the rejection counts so far.
	 * @return every reason with its count
	 */
	protected final Map<RejectionReason, Long> rejectionCounts() {
		Map<RejectionReason, Long> counts = new EnumMap<>(RejectionReason.class);
		this.rejections.forEach((reason, adder) -> counts.put(reason, adder.sum()));
		return counts;
	}

	/**
	 * Wait for a task and return its result, rethrowing the task's own exception
	 * (asyncpal's {@code run}, multiprocessing's {@code apply}). If the waiting thread is
	 * interrupted, the task is cancelled with {@code cancel(true)}.
	 * @param <T> the result type
	 * @param future the task's future
	 * @return the task's result
	 * @throws Exception the task's exception, or {@link InterruptedException}
	 */
	protected static <T> T awaitResult(CompletableFuture<T> future) throws Exception {
		try {
			return future.get();
		}
		catch (InterruptedException ex) {
			future.cancel(true);
			throw ex;
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof Exception exception) {
				throw exception;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw ex;
		}
	}

	// ---- life cycle

	@Override
	public final void start() {
		if (this.state.compareAndSet(PoolState.NEW, PoolState.RUNNING)) {
			try {
				doStart();
			}
			catch (RuntimeException | Error ex) {
				markBroken(ex);
				throw ex;
			}
			stateChanged(PoolState.NEW, PoolState.RUNNING);
			return;
		}
		PoolState current = this.state.get();
		if (current != PoolState.RUNNING) {
			throw new IllegalStateException("Pool '" + this.name + "' cannot be started: it is " + current
					+ "; a stopped or broken pool is never restarted");
		}
	}

	@Override
	public final void stop() {
		if (this.state.compareAndSet(PoolState.NEW, PoolState.TERMINATED)) {
			stateChanged(PoolState.NEW, PoolState.TERMINATED);
			this.termination.countDown();
			return;
		}
		if (this.state.compareAndSet(PoolState.RUNNING, PoolState.STOPPING)) {
			stateChanged(PoolState.RUNNING, PoolState.STOPPING);
			doStop();
		}
	}

	@Override
	public final List<PendingTask> stopNow() {
		stop();
		PoolState current = this.state.get();
		if (current == PoolState.STOPPING || current == PoolState.BROKEN) {
			return doStopNow(); // a broken pool may still have workers to end
		}
		return List.of();
	}

	@Override
	public final boolean awaitTermination(Duration timeout) throws InterruptedException {
		return this.termination.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	@Override
	public final boolean isTerminated() {
		return this.termination.getCount() == 0;
	}

	@Override
	public void close() {
		stop();
		if (isTerminated()) {
			return;
		}
		try {
			if (this.awaitTerminationPeriod.isZero() || !awaitTermination(this.awaitTerminationPeriod)) {
				List<PendingTask> cancelled = stopNow();
				if (!cancelled.isEmpty() && !this.awaitTerminationPeriod.isZero()) {
					logger.log(Level.WARNING, "Pool ''{0}'' did not finish within {1}; cancelled {2} queued task(s)",
							this.name, this.awaitTerminationPeriod, cancelled.size());
				}
			}
		}
		catch (InterruptedException ex) {
			stopNow();
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Called by the subclass once the pool has stopped and every accepted task has
	 * completed or been cancelled. A broken pool stays {@link PoolState#BROKEN}.
	 */
	protected final void terminated() {
		if (this.state.compareAndSet(PoolState.STOPPING, PoolState.TERMINATED)) {
			stateChanged(PoolState.STOPPING, PoolState.TERMINATED);
		}
		this.termination.countDown();
	}

	/**
	 * Mark the pool broken: later submits fail fast with {@link BrokenPoolException}.
	 * The subclass then fails its queued tasks and releases its workers, and calls
	 * {@link #terminated()} once nothing runs any more.
	 * @param cause the start or initializer failure
	 * @return {@code true} if this call broke the pool, {@code false} if it already was
	 * broken or terminated
	 */
	protected final boolean markBroken(Throwable cause) {
		while (true) {
			PoolState current = this.state.get();
			if (current == PoolState.BROKEN || current == PoolState.TERMINATED) {
				return false;
			}
			this.brokenCause = cause;
			if (this.state.compareAndSet(current, PoolState.BROKEN)) {
				logger.log(Level.ERROR, "Pool '" + this.name + "' is broken", cause);
				stateChanged(current, PoolState.BROKEN);
				return true;
			}
		}
	}

	/**
	 * Start the pool's machinery; called once, after the state became running.
	 */
	protected abstract void doStart();

	/**
	 * Begin an orderly stop; called once, after the state became stopping.
	 */
	protected abstract void doStop();

	/**
	 * Cancel queued tasks and interrupt or kill running ones; called after
	 * {@link #doStop()} or once the pool is broken, possibly more than once.
	 * @return the tasks that never started
	 */
	protected abstract List<PendingTask> doStopNow();

	// ---- listeners and timers

	@Override
	public final void addListener(PoolListener listener) {
		this.listeners.add(listener);
	}

	@Override
	public final void removeListener(PoolListener listener) {
		this.listeners.remove(listener);
	}

	@Override
	public final void setTaskTimer(@Nullable TaskTimer timer) {
		this.taskTimer = timer;
	}

	/**
	 * Return the task timer, read once per task.
	 * @return the timer, or {@code null} if tasks are not timed
	 */
	protected final @Nullable TaskTimer taskTimer() {
		return this.taskTimer;
	}

	/**
	 * Call every listener, isolating the pool from a listener that throws.
	 * @param event the call to make on each listener
	 */
	protected final void notifyListeners(Consumer<PoolListener> event) {
		for (PoolListener listener : this.listeners) {
			try {
				event.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.log(Level.WARNING, "Listener " + listener + " of pool '" + this.name + "' failed", ex);
			}
		}
	}

	private void stateChanged(PoolState from, PoolState to) {
		notifyListeners((listener) -> listener.stateChanged(this, from, to));
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[name=" + this.name + ", taskType=" + this.taskType + ", state="
				+ this.state.get() + "]";
	}

}
