package io.github.pools.internal;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
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
 * What every kind of pool shares, held by each pool manager: its name and task type,
 * its life-cycle state, its termination, its refusals counted by reason, its
 * listeners and task timers, and why it is broken.
 * <p>
 * The state machine: {@code NEW -> RUNNING -> STOPPING -> TERMINATED}; {@code NEW}
 * goes straight to {@code TERMINATED} when stopped before it started; {@code RUNNING}
 * and {@code BROKEN} move to and fro as workers fail to start and start again, and a
 * broken pool stops like a running one. Transitions are atomic and tell the listeners.
 * <p>
 * Refusals are thrown by whoever decides them, through {@link #taskTypeRefusal},
 * {@link #stateRefusal()} and {@link #saturated(String)}, which count them.
 */
public final class PoolControl {

	private static final System.Logger logger = System.getLogger(PoolControl.class.getName());

	private final PoolManager owner;

	private final String name;

	private final @Nullable String taskType;

	private final Duration awaitTerminationPeriod;

	/** Read on every submit. */
	private final AtomicReference<PoolState> state = new AtomicReference<>(PoolState.NEW);

	private final CountDownLatch termination = new CountDownLatch(1);

	private final EnumMap<RejectionReason, LongAdder> rejections = new EnumMap<>(RejectionReason.class);

	private final List<PoolListener> listeners = new CopyOnWriteArrayList<>();

	private final List<TaskTimer> timers = new CopyOnWriteArrayList<>();

	/** All of {@link #timers} as one, or {@code null}; read once per task. */
	private volatile @Nullable TaskTimer timer;

	/** Set before the state becomes {@link PoolState#BROKEN}. */
	private volatile @Nullable Throwable brokenCause;

	/**
	 * Create the control of a pool.
	 * @param owner the pool manager, as listeners see it
	 * @param settings the pool's settings
	 */
	public PoolControl(PoolManager owner, PoolSettings settings) {
		this.owner = owner;
		this.name = settings.name();
		this.taskType = settings.taskType();
		this.awaitTerminationPeriod = settings.awaitTerminationPeriod();
		for (RejectionReason reason : RejectionReason.values()) {
			this.rejections.put(reason, new LongAdder());
		}
	}

	/**
	 * Return the pool manager this control belongs to, as listeners are given it.
	 * @return the pool manager
	 */
	public PoolManager owner() {
		return this.owner;
	}

	public String name() {
		return this.name;
	}

	public @Nullable String taskType() {
		return this.taskType;
	}

	public PoolState state() {
		return this.state.get();
	}

	/**
	 * Return how long {@code close()} waits for accepted tasks.
	 * @return the await-termination period, {@link Duration#ZERO} for none
	 */
	public Duration awaitTerminationPeriod() {
		return this.awaitTerminationPeriod;
	}

	// ---- refusals

	/**
	 * Refuse a task unless its type matches and the pool is running: one string
	 * comparison and one volatile read.
	 * @param taskType the task type given at submit
	 * @throws UnknownTaskTypeException if the type does not match
	 * @throws TaskRejectedException if the pool is not running
	 */
	public void checkAccepting(@Nullable String taskType) {
		String own = this.taskType;
		if (own != null && !own.equals(taskType)) {
			throw taskTypeRefusal(taskType);
		}
		if (this.state.get() != PoolState.RUNNING) {
			throw stateRefusal();
		}
	}

	/**
	 * Count and return the refusal of a task of the wrong type.
	 * @param taskType the type given
	 * @return the exception to throw
	 */
	public UnknownTaskTypeException taskTypeRefusal(@Nullable String taskType) {
		return counted(new UnknownTaskTypeException(this.name, String.valueOf(this.taskType), taskType));
	}

	/**
	 * Count and return the refusal of a task by a pool that is not running.
	 * @return {@link BrokenPoolException} or a {@link TaskRejectedException} with reason
	 * {@link RejectionReason#SHUTDOWN}
	 */
	public TaskRejectedException stateRefusal() {
		return counted(notAccepting());
	}

	/**
	 * Count and return the refusal of a task by a saturated pool.
	 * @param detail what is full, for example "its 2 worker(s) are busy and its queue of
	 * 1000 is full"
	 * @return the exception to throw
	 */
	public TaskRejectedException saturated(String detail) {
		return counted(new TaskRejectedException(this.name, RejectionReason.SATURATED,
				"Pool '" + this.name + "' is saturated: " + detail));
	}

	private <E extends TaskRejectedException> E counted(E exception) {
		countRejection(exception.getReason());
		return exception;
	}

	/**
	 * Count a refusal that throws nothing (a discarding rejection policy).
	 * @param reason why the task was refused
	 */
	public void countRejection(RejectionReason reason) {
		this.rejections.get(reason).increment();
		notifyListeners((listener) -> listener.taskRejected(this.owner, reason));
	}

	/**
	 * Return how many tasks were refused for a reason.
	 * @param reason the reason
	 * @return the count so far
	 */
	public long rejected(RejectionReason reason) {
		return this.rejections.get(reason).sum();
	}

	/**
	 * Return the refusal counts so far.
	 * @return every reason with its count
	 */
	public Map<RejectionReason, Long> rejections() {
		Map<RejectionReason, Long> counts = new EnumMap<>(RejectionReason.class);
		this.rejections.forEach((reason, adder) -> counts.put(reason, adder.sum()));
		return counts;
	}

	/**
	 * Throw unless the pool runs (asyncpal's {@code check()}); nothing is counted.
	 * @throws TaskRejectedException if the pool does not run
	 */
	public void check() {
		if (this.state.get() != PoolState.RUNNING) {
			throw notAccepting();
		}
	}

	private TaskRejectedException notAccepting() {
		PoolState current = this.state.get();
		if (current == PoolState.BROKEN) {
			return brokenException();
		}
		String what = switch (current) {
			case NEW -> "has not been started";
			case STOPPING -> "is stopping";
			case RUNNING -> "stopped accepting tasks meanwhile";
			default -> "has been stopped";
		};
		return new TaskRejectedException(this.name, RejectionReason.SHUTDOWN,
				"Pool '" + this.name + "' " + what + " and accepts no tasks");
	}

	/**
	 * Return the exception that says why the pool is broken.
	 * @return a new exception whose cause is the failure that broke the pool
	 */
	public BrokenPoolException brokenException() {
		Throwable cause = this.brokenCause;
		String detail = (cause != null) ? ": " + cause.getMessage() : "";
		return new BrokenPoolException(this.name, "Pool '" + this.name + "' is broken" + detail, cause);
	}

	// ---- life cycle

	/**
	 * Start the pool; starting a running pool does nothing.
	 * @param engine the machinery to start
	 * @throws IllegalStateException if the pool was stopped, is stopping or is broken
	 */
	public void start(PoolEngine engine) {
		if (this.state.compareAndSet(PoolState.NEW, PoolState.RUNNING)) {
			try {
				engine.start();
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
					+ "; a stopped or broken pool is never started again");
		}
	}

	/**
	 * Begin an orderly stop; stopping a stopped pool does nothing.
	 * @param engine the machinery to stop
	 */
	public void stop(PoolEngine engine) {
		if (this.state.compareAndSet(PoolState.NEW, PoolState.TERMINATED)) {
			stateChanged(PoolState.NEW, PoolState.TERMINATED);
			this.termination.countDown();
			return;
		}
		for (PoolState from : List.of(PoolState.RUNNING, PoolState.BROKEN)) {
			if (this.state.compareAndSet(from, PoolState.STOPPING)) {
				stateChanged(from, PoolState.STOPPING);
				engine.stop();
				if (isTerminated()) {
					terminated(); // a broken thread pool whose executor had ended already
				}
				return;
			}
		}
	}

	/**
	 * Stop at once.
	 * @param engine the machinery to stop
	 * @return the tasks that never started
	 */
	public List<PendingTask> stopNow(PoolEngine engine) {
		stop(engine);
		return (this.state.get() == PoolState.STOPPING) ? engine.stopNow() : List.of();
	}

	/**
	 * Stop, wait up to the await-termination period, then stop at once; if interrupted,
	 * stop at once and keep the interrupt status.
	 * @param engine the machinery to stop
	 */
	public void close(PoolEngine engine) {
		stop(engine);
		if (isTerminated()) {
			return;
		}
		try {
			if (this.awaitTerminationPeriod.isZero() || !awaitTermination(this.awaitTerminationPeriod)) {
				List<PendingTask> cancelled = stopNow(engine);
				if (!cancelled.isEmpty() && !this.awaitTerminationPeriod.isZero()) {
					logger.log(Level.WARNING, "Pool ''{0}'' did not finish within {1}; cancelled {2} queued task(s)",
							this.name, this.awaitTerminationPeriod, cancelled.size());
				}
			}
		}
		catch (InterruptedException ex) {
			stopNow(engine);
			Thread.currentThread().interrupt();
		}
	}

	public boolean awaitTermination(Duration timeout) throws InterruptedException {
		return this.termination.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	public boolean isTerminated() {
		return this.termination.getCount() == 0;
	}

	/**
	 * Called by the engine once every accepted task has completed after a stop (or, for
	 * a broken thread pool, once its executor has ended: it terminates when stopped).
	 */
	public void terminated() {
		if (this.state.compareAndSet(PoolState.STOPPING, PoolState.TERMINATED)) {
			stateChanged(PoolState.STOPPING, PoolState.TERMINATED);
		}
		this.termination.countDown();
	}

	/**
	 * Mark the running pool broken: later submits fail fast with
	 * {@link BrokenPoolException}. The engine fails its queued tasks.
	 * @param cause the failure
	 * @return {@code true} if this call broke the pool
	 */
	public boolean markBroken(Throwable cause) {
		if (this.state.get() != PoolState.RUNNING) {
			return false;
		}
		this.brokenCause = cause;
		if (this.state.compareAndSet(PoolState.RUNNING, PoolState.BROKEN)) {
			logger.log(Level.ERROR, "Pool '" + this.name + "' is broken", cause);
			stateChanged(PoolState.RUNNING, PoolState.BROKEN);
			return true;
		}
		return false;
	}

	/**
	 * Mark a broken pool running again: a worker started.
	 * @return {@code true} if this call made it running
	 */
	public boolean recovered() {
		if (this.state.compareAndSet(PoolState.BROKEN, PoolState.RUNNING)) {
			logger.log(Level.INFO, "Pool ''{0}'' recovered: a worker started", this.name);
			stateChanged(PoolState.BROKEN, PoolState.RUNNING);
			return true;
		}
		return false;
	}

	// ---- listeners and timers

	public void addListener(PoolListener listener) {
		this.listeners.add(listener);
	}

	public void removeListener(PoolListener listener) {
		this.listeners.remove(listener);
	}

	/**
	 * Call every listener, isolating the pool from a listener that throws.
	 * @param event the call to make on each listener
	 */
	public void notifyListeners(Consumer<PoolListener> event) {
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
		notifyListeners((listener) -> listener.stateChanged(this.owner, from, to));
	}

	public synchronized void addTaskTimer(TaskTimer timer) {
		this.timers.add(timer);
		this.timer = combined(List.copyOf(this.timers));
	}

	public synchronized void removeTaskTimer(TaskTimer timer) {
		this.timers.remove(timer);
		this.timer = combined(List.copyOf(this.timers));
	}

	private static @Nullable TaskTimer combined(List<TaskTimer> timers) {
		return switch (timers.size()) {
			case 0 -> null;
			case 1 -> timers.get(0);
			default -> (queuedNanos, executionNanos) -> {
				for (TaskTimer each : timers) {
					each.record(queuedNanos, executionNanos);
				}
			};
		};
	}

	/**
	 * Return every task timer as one, read once per task.
	 * @return the timer, or {@code null} if tasks are not timed
	 */
	public @Nullable TaskTimer taskTimer() {
		return this.timer;
	}

	@Override
	public String toString() {
		return this.owner.getClass().getSimpleName() + "[name=" + this.name + ", taskType=" + this.taskType
				+ ", state=" + this.state.get() + "]";
	}

}
