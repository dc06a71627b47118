package io.github.pools.process;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.github.pools.BrokenPoolException;
import io.github.pools.PendingTask;
import io.github.pools.PoolKind;
import io.github.pools.PoolState;
import io.github.pools.PoolStats;
import io.github.pools.RejectionReason;
import io.github.pools.TaskSerializationException;
import io.github.pools.TaskTimeoutException;
import io.github.pools.WorkerCrashedException;
import io.github.pools.WorkerExitReason;
import io.github.pools.WorkerProcessStats;
import io.github.pools.process.WorkerHandle.Phase;
import io.github.pools.process.channel.FailureReport;
import io.github.pools.process.channel.Frame;
import io.github.pools.process.channel.FrameType;
import io.github.pools.process.channel.ObjectRefusedException;
import org.jspecify.annotations.Nullable;

/**
 * The machinery of a process pool: the queue, the workers, and every decision about
 * which worker runs which task and when workers start and end.
 * <p>
 * One lock guards it all; it is held only for bookkeeping, never while writing to a
 * worker, waiting for one, or completing a future (which runs the caller's dependent
 * stages). A task takes the lock twice: once at submit, where an idle worker is taken
 * and the task written to it on the submitting thread, and once when its answer
 * arrives, where the worker's own thread takes the next queued task and writes it at
 * once, before it deserializes the answer.
 * <p>
 * Invariants, under the lock: a worker is in exactly one of {@code launching},
 * {@code ready} (idle or busy) and {@code retiring}; {@code idle} is the ready workers
 * without a task, and is empty whenever {@code queue} is not.
 */
final class WorkerPool {

	private static final System.Logger logger = System.getLogger(ProcessPoolManager.class.getName());

	/** Start failures in a row that break the pool. */
	static final int MAX_CONSECUTIVE_START_FAILURES = 3;

	private static final long BACKOFF_STEP_MILLIS = 100;

	private static final long MAX_SUPERVISOR_SLEEP_NANOS = TimeUnit.SECONDS.toNanos(10);

	private final ProcessPoolManager manager;

	private final PoolConfig config;

	private final Supervisor supervisor;

	/** 0 for no task timeout. */
	private final long taskTimeoutNanos;

	private final long idleTimeoutNanos;

	private final long startTimeoutNanos;

	private final Object lock = new Object();

	/** Guarded by lock. */
	private int coreSize;

	/** Guarded by lock. */
	private int maxSize;

	/** Tasks waiting for a worker, oldest first; guarded by lock. */
	private final ArrayDeque<ProcessTask<?>> queue = new ArrayDeque<>();

	/** Ready workers without a task, most recently used first; guarded by lock. */
	private final ArrayDeque<WorkerHandle> idle = new ArrayDeque<>();

	/** Ready workers, idle or busy; guarded by lock. */
	private final List<WorkerHandle> ready = new ArrayList<>();

	/** Workers being started; guarded by lock. */
	private final List<WorkerHandle> launching = new ArrayList<>();

	/** Workers told to stop or being killed, until they have exited; guarded by lock. */
	private final List<WorkerHandle> retiring = new ArrayList<>();

	/** Launch threads waiting to retry after a start failure; guarded by lock. */
	private int backingOff;

	/** Guarded by lock. */
	private int nextWorkerId;

	/** Guarded by lock; reset when a worker becomes ready. */
	private int consecutiveStartFailures;

	/** Workers lost to a crash, kill or recycling whose replacement has not started; guarded by lock. */
	private int pendingRestarts;

	/** Guarded by lock. */
	private long starts;

	/** Guarded by lock. */
	private long restarts;

	/** Guarded by lock. */
	private long startFailures;

	/** Guarded by lock. */
	private final EnumMap<WorkerExitReason, Long> exits = new EnumMap<>(WorkerExitReason.class);

	/** Guarded by lock. */
	private boolean terminated;

	private final LongAdder completed = new LongAdder();

	private final LongAdder failed = new LongAdder();

	WorkerPool(ProcessPoolManager manager, PoolConfig config, int coreSize, int maxSize) {
		this.manager = manager;
		this.config = config;
		this.coreSize = coreSize;
		this.maxSize = maxSize;
		this.taskTimeoutNanos = (config.taskTimeout() != null) ? config.taskTimeout().toNanos() : 0L;
		this.idleTimeoutNanos = config.idleTimeout().toNanos();
		this.startTimeoutNanos = config.startTimeout().toNanos();
		for (WorkerExitReason reason : WorkerExitReason.values()) {
			this.exits.put(reason, 0L);
		}
		this.supervisor = new Supervisor(this);
	}

	String name() {
		return this.config.name();
	}

	void start() {
		this.supervisor.start();
		if (this.config.prestart()) {
			int core;
			synchronized (this.lock) {
				core = this.coreSize;
			}
			prestart(core);
		}
	}

	// ---- tasks in

	/**
	 * Hand a task to an idle worker, or queue it and start a worker if one is missing.
	 * @param task the task
	 * @return {@code null} if accepted, otherwise why it was refused:
	 * {@link RejectionReason#SATURATED} if the queue is full,
	 * {@link RejectionReason#SHUTDOWN} if the pool stopped accepting tasks meanwhile
	 */
	@Nullable RejectionReason dispatch(ProcessTask<?> task) {
		WorkerHandle worker;
		WorkerHandle launch = null;
		synchronized (this.lock) {
			// Checked again under the lock, so that stop() cannot miss a task queued after it.
			if (this.manager.state() != PoolState.RUNNING) {
				return RejectionReason.SHUTDOWN;
			}
			worker = this.idle.pollFirst();
			if (worker != null) {
				assignLocked(worker, task);
			}
			else {
				if (this.queue.size() >= this.config.queueCapacity()) {
					return RejectionReason.SATURATED;
				}
				this.queue.addLast(task);
				launch = launchIfNeededLocked(false);
			}
		}
		if (worker != null) {
			worker.send(task);
		}
		if (launch != null) {
			launch(launch);
		}
		return null;
	}

	/**
	 * Start idle workers ahead of demand.
	 * @param count how many at most
	 * @return how many were started
	 */
	int prestart(int count) {
		List<WorkerHandle> launches = new ArrayList<>();
		synchronized (this.lock) {
			if (this.manager.state() != PoolState.RUNNING) {
				return 0;
			}
			int room = this.maxSize - this.ready.size() - this.launching.size() - this.backingOff;
			for (int i = 0; i < Math.min(count, room); i++) {
				launches.add(newLaunchLocked());
			}
		}
		launches.forEach(this::launch);
		return launches.size();
	}

	void cancelled(ProcessTask<?> task, boolean mayInterruptIfRunning) {
		WorkerHandle kill = null;
		boolean terminate = false;
		synchronized (this.lock) {
			if (this.queue.remove(task)) {
				terminate = checkTerminatedLocked();
			}
			else {
				WorkerHandle worker = task.worker;
				if (mayInterruptIfRunning && worker != null && worker.current == task && worker.phase == Phase.READY) {
					detachLocked(worker);
					if (worker.end(WorkerExitReason.CANCELLED)) {
						kill = worker;
					}
				}
			}
		}
		if (kill != null) {
			kill.destroy();
		}
		if (terminate) {
			this.manager.poolTerminated();
		}
	}

	// ---- answers and the next task

	/**
	 * Take a worker's answer: give it the next task (or retire it), then complete the
	 * answered task. Called on the worker's thread.
	 * @return {@code false} if the worker had no task, a protocol error
	 */
	boolean answered(WorkerHandle worker, Frame frame) {
		ProcessTask<?> done;
		ProcessTask<?> next = null;
		boolean stop = false;
		WorkerHandle launch = null;
		synchronized (this.lock) {
			done = worker.current;
			if (done == null) {
				return false;
			}
			worker.current = null;
			done.worker = null;
			worker.tasksRun++;
			if (worker.phase == Phase.READY) {
				int maxTasks = this.config.maxTasksPerWorker();
				if (maxTasks > 0 && worker.tasksRun >= maxTasks) {
					stop = retireLocked(worker, WorkerExitReason.RECYCLED);
					this.pendingRestarts = Math.min(this.pendingRestarts + 1, this.maxSize);
					launch = launchIfNeededLocked(true);
				}
				else if (this.ready.size() > this.maxSize) {
					stop = retireLocked(worker, WorkerExitReason.IDLE); // resized below the live count
				}
				else if ((next = pollQueueLocked()) != null) {
					assignLocked(worker, next);
				}
				else if (this.manager.state() == PoolState.RUNNING) {
					worker.idleSinceNanos = System.nanoTime();
					this.idle.addFirst(worker);
				}
				else {
					stop = retireLocked(worker, WorkerExitReason.SHUTDOWN);
				}
			}
		}
		try {
			// The worker gets its next task before this one's result is deserialized.
			if (next != null) {
				worker.send(next);
			}
			if (stop) {
				worker.sendStop();
			}
			if (launch != null) {
				launch(launch);
			}
		}
		finally {
			// The task is no longer the worker's: nobody else would complete it.
			try {
				complete(done, frame);
			}
			finally {
				done.recordTime();
			}
		}
		return true;
	}

	/**
	 * Decode an answer and complete its task. Whatever decoding throws, the task
	 * completes: an {@link Error} thrown by a result's {@code readObject} fails the task
	 * like any unreadable result, and a {@link VirtualMachineError} is rethrown only once
	 * the task has failed.
	 */
	@SuppressWarnings("unchecked")
	private void complete(ProcessTask<?> task, Frame frame) {
		Object value = null;
		Throwable failure = null;
		try {
			if (frame.type() == FrameType.RESULT) {
				value = this.config.codec().read(frame, task.resultLoader());
			}
			else {
				failure = failureOf(FailureReport.decode(frame));
			}
		}
		catch (ObjectRefusedException ex) {
			failure = new TaskSerializationException(
					"The result of a task of pool '" + name() + "' was refused: " + ex.getMessage(), ex);
		}
		catch (ClassNotFoundException ex) {
			failure = new TaskSerializationException("The result of a task of pool '" + name()
					+ "' could not be read: class " + ex.getMessage() + " is not on the application's class path", ex);
		}
		catch (Throwable ex) { // IOException, RuntimeException, or an Error from a readObject
			failure = new TaskSerializationException(
					"The result of a task of pool '" + name() + "' could not be read: " + ex, ex);
		}
		this.completed.increment();
		if (failure != null) {
			if (task.completeExceptionally(failure)) {
				this.failed.increment();
			}
			if (failure.getCause() instanceof VirtualMachineError error) {
				throw error; // out of memory or stack: the reader thread cannot be trusted to go on
			}
		}
		else {
			((CompletableFuture<Object>) task).complete(value);
		}
	}

	private Throwable failureOf(FailureReport report) {
		return switch (report.kind()) {
			case TASK_FAILED -> report.error();
			case TASK_UNREADABLE, RESULT_UNWRITABLE -> new TaskSerializationException(
					"Pool '" + name() + "': " + report.message(), report.error());
			case INIT_FAILED -> new IllegalStateException(report.message(), report.error());
		};
	}

	// ---- workers starting

	private void launch(WorkerHandle worker) {
		Thread thread = new Thread(() -> runWorker(worker), threadName(worker));
		thread.setDaemon(true);
		thread.start();
	}

	private String threadName(WorkerHandle worker) {
		return name() + "-worker-" + worker.id;
	}

	/**
	 * The body of a worker's thread: launch, serve until the worker ends, and on a start
	 * failure retry after a pause while there is work for it.
	 */
	private void runWorker(WorkerHandle first) {
		WorkerHandle worker = first;
		while (worker != null) {
			Thread.currentThread().setName(threadName(worker));
			WorkerStartException failure = worker.launch();
			if (failure == null) {
				if (ready(worker)) {
					worker.serve();
					return;
				}
				failure = new WorkerStartException("Worker " + name() + "#" + worker.id + " (pid " + worker.pid()
						+ ") could not start: it was not ready within start-timeout (" + this.config.startTimeout() + ")",
						null, List.of(), null);
			}
			worker = startFailed(worker, failure);
		}
	}

	/**
	 * Put a worker that reported ready to work.
	 * @return {@code false} if it was too late: the start timeout passed and it was killed
	 */
	private boolean ready(WorkerHandle worker) {
		ProcessTask<?> first = null;
		boolean stop = false;
		boolean aboveCore;
		synchronized (this.lock) {
			if (worker.hasStartTimedOut()) {
				return false;
			}
			this.launching.remove(worker);
			this.consecutiveStartFailures = 0;
			this.starts++;
			if (worker.replacement) {
				this.restarts++;
			}
			PoolState state = this.manager.state();
			if (worker.ending() != null) {
				detachLocked(worker); // killed while it started: stopNow() or a broken pool
			}
			else if (state == PoolState.RUNNING || (state == PoolState.STOPPING && !this.queue.isEmpty())) {
				worker.phase = Phase.READY;
				this.ready.add(worker);
				if ((first = pollQueueLocked()) != null) {
					assignLocked(worker, first);
				}
				else if (state == PoolState.RUNNING) {
					worker.idleSinceNanos = System.nanoTime();
					this.idle.addFirst(worker);
				}
				else {
					stop = retireLocked(worker, WorkerExitReason.SHUTDOWN);
				}
			}
			else {
				stop = retireLocked(worker, WorkerExitReason.SHUTDOWN);
			}
			aboveCore = this.ready.size() > this.coreSize;
		}
		logger.log(Level.DEBUG, () -> "Worker " + worker + " of pool '" + name() + "' is ready");
		this.manager.workerStarted(worker.id, worker.pid());
		if (first != null) {
			worker.send(first);
		}
		if (stop) {
			worker.sendStop();
		}
		if (aboveCore) {
			this.supervisor.wake(); // its idle deadline may come before the supervisor's next look
		}
		return true;
	}

	/**
	 * Count a start failure; break the pool after too many in a row, otherwise retry
	 * after a pause if a task still waits for a worker.
	 * @return the worker to launch next on this thread, or {@code null}
	 */
	private @Nullable WorkerHandle startFailed(WorkerHandle worker, WorkerStartException failure) {
		boolean aborted;
		boolean breaks = false;
		boolean retry = false;
		boolean terminate = false;
		int inARow = 0;
		synchronized (this.lock) {
			this.launching.remove(worker);
			aborted = worker.ending() != null; // killed on purpose while it started
			if (!aborted) {
				this.startFailures++;
				inARow = ++this.consecutiveStartFailures;
				if (inARow >= MAX_CONSECUTIVE_START_FAILURES) {
					breaks = true;
				}
				else if (launchNeededLocked(false)) {
					this.backingOff++;
					retry = true;
				}
			}
			if (!retry) {
				terminate = checkTerminatedLocked();
			}
		}
		if (!aborted) {
			logger.log(Level.ERROR, "Pool '" + name() + "' could not start a worker with "
					+ this.config.command().describe() + ": " + failure.getMessage());
		}
		if (breaks) {
			breakPool(new WorkerStartException("Pool '" + name() + "' failed to start a worker "
					+ MAX_CONSECUTIVE_START_FAILURES + " times in a row; the last attempt: " + failure.getMessage(),
					null, List.of(), failure));
		}
		if (!retry) {
			if (terminate) {
				this.manager.poolTerminated();
			}
			return null;
		}
		try {
			Thread.sleep(BACKOFF_STEP_MILLIS * inARow);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		synchronized (this.lock) {
			this.backingOff--;
			if (launchNeededLocked(false)) {
				return newLaunchLocked();
			}
			terminate = checkTerminatedLocked();
		}
		if (terminate) {
			this.manager.poolTerminated();
		}
		return null;
	}

	private void breakPool(Throwable cause) {
		if (!this.manager.poolBroken(cause)) {
			return;
		}
		List<ProcessTask<?>> dropped;
		List<WorkerHandle> stops = new ArrayList<>();
		List<WorkerHandle> kills;
		boolean terminate;
		synchronized (this.lock) {
			dropped = new ArrayList<>(this.queue);
			this.queue.clear();
			for (WorkerHandle worker : new ArrayList<>(this.idle)) {
				if (retireLocked(worker, WorkerExitReason.SHUTDOWN)) {
					stops.add(worker);
				}
			}
			kills = new ArrayList<>(this.launching);
			kills.forEach((worker) -> worker.end(WorkerExitReason.SHUTDOWN));
			terminate = checkTerminatedLocked();
		}
		BrokenPoolException broken = this.manager.brokenFailure();
		dropped.forEach((task) -> task.completeExceptionally(broken));
		stops.forEach(WorkerHandle::sendStop);
		kills.forEach(WorkerHandle::destroy);
		if (terminate) {
			this.manager.poolTerminated();
		}
	}

	// ---- workers ending

	/**
	 * Take a worker out of service: it gets no more tasks. Called on the worker's thread
	 * when its channel broke or closed.
	 */
	void retire(WorkerHandle worker, WorkerExitReason reason) {
		synchronized (this.lock) {
			detachLocked(worker);
			worker.end(reason);
		}
	}

	/**
	 * Account for a worker that has exited, fail the task it held, and start a
	 * replacement if one is needed. Called on the worker's thread, last.
	 */
	void ended(WorkerHandle worker, WorkerExitReason reason, @Nullable Integer exitCode, List<String> stderrTail,
			@Nullable String channelProblem) {
		ProcessTask<?> lost;
		WorkerHandle launch;
		boolean terminate;
		synchronized (this.lock) {
			lost = worker.current;
			worker.current = null;
			if (lost != null) {
				lost.worker = null;
			}
			detachLocked(worker);
			this.retiring.remove(worker);
			this.exits.merge(reason, 1L, Long::sum);
			boolean abnormal = reason == WorkerExitReason.CRASH || reason == WorkerExitReason.TIMEOUT
					|| reason == WorkerExitReason.CANCELLED || reason == WorkerExitReason.PROTOCOL_ERROR;
			if (abnormal) {
				this.pendingRestarts = Math.min(this.pendingRestarts + 1, this.maxSize);
			}
			launch = launchIfNeededLocked(abnormal && (lost != null || worker.tasksRun > 0));
			terminate = checkTerminatedLocked();
		}
		logEnd(worker, reason, exitCode, lost != null, channelProblem);
		this.manager.workerExited(worker.id, worker.pid(), reason);
		if (lost != null) {
			lost.recordTime();
			this.completed.increment();
			Throwable failure = switch (reason) {
				case TIMEOUT -> new TaskTimeoutException(name(), worker.id, worker.pid(),
						Objects.requireNonNull(this.config.taskTimeout()));
				case PROTOCOL_ERROR -> new WorkerCrashedException(name(), worker.id, worker.pid(), exitCode, stderrTail,
						"broke the channel protocol (" + channelProblem + ") and was killed");
				case CANCELLED, SHUTDOWN -> null;
				default -> new WorkerCrashedException(name(), worker.id, worker.pid(), exitCode, stderrTail);
			};
			if (failure == null) {
				lost.cancel(false);
			}
			else {
				if (lost.completeExceptionally(failure)) {
					this.failed.increment();
				}
			}
		}
		if (launch != null) {
			launch(launch);
		}
		if (terminate) {
			this.manager.poolTerminated();
		}
	}

	private void logEnd(WorkerHandle worker, WorkerExitReason reason, @Nullable Integer exitCode, boolean hadTask,
			@Nullable String channelProblem) {
		String task = hadTask ? " while running a task" : "";
		switch (reason) {
			case CRASH -> logger.log(Level.WARNING, "Worker " + worker + " of pool '" + name() + "' died" + task
					+ ((exitCode != null) ? " with exit code " + exitCode : ""));
			case PROTOCOL_ERROR -> logger.log(Level.ERROR, "Worker " + worker + " of pool '" + name()
					+ "' broke the channel protocol" + task + " and was killed: " + channelProblem);
			case TIMEOUT -> logger.log(Level.WARNING, "Worker " + worker + " of pool '" + name()
					+ "' was killed: its task ran longer than task-timeout (" + this.config.taskTimeout() + ")");
			default -> logger.log(Level.DEBUG, () -> "Worker " + worker + " of pool '" + name() + "' ended: " + reason);
		}
	}

	// ---- time: timeouts, idle workers

	/**
	 * Act on every deadline that has passed.
	 * @param now the current {@link System#nanoTime()}
	 * @return nanoseconds until the next look, or -1 once the pool has terminated
	 */
	long supervise(long now) {
		List<WorkerHandle> timedOutWorkers = new ArrayList<>();
		List<ProcessTask<?>> timedOutTasks = new ArrayList<>();
		List<WorkerHandle> expired = new ArrayList<>();
		List<WorkerHandle> overdue = new ArrayList<>();
		long next = now + MAX_SUPERVISOR_SLEEP_NANOS;
		synchronized (this.lock) {
			if (this.terminated) {
				return -1;
			}
			if (this.taskTimeoutNanos > 0) {
				for (WorkerHandle worker : new ArrayList<>(this.ready)) {
					ProcessTask<?> task = worker.current;
					if (task == null) {
						continue;
					}
					if (now - task.deadlineNanos >= 0) {
						detachLocked(worker);
						if (worker.end(WorkerExitReason.TIMEOUT)) {
							worker.destroy();
							timedOutWorkers.add(worker);
							timedOutTasks.add(task);
						}
					}
					else {
						next = earlier(next, task.deadlineNanos);
					}
				}
				next = earlier(next, now + this.taskTimeoutNanos);
			}
			for (WorkerHandle worker : this.launching) {
				if (now - worker.startDeadlineNanos >= 0) {
					if (!worker.hasStartTimedOut()) {
						worker.startTimedOut();
					}
				}
				else {
					next = earlier(next, worker.startDeadlineNanos);
				}
			}
			for (WorkerHandle worker : this.retiring) {
				if (worker.destroyed()) {
					continue; // killed already: its thread reports the exit
				}
				if (now - worker.retireDeadlineNanos >= 0) {
					overdue.add(worker);
				}
				else {
					next = earlier(next, worker.retireDeadlineNanos);
				}
			}
			next = earlier(next, now + this.startTimeoutNanos);
			int excess = this.ready.size() - this.coreSize;
			while (excess > 0 && !this.idle.isEmpty()) {
				WorkerHandle oldest = this.idle.peekLast();
				long expiry = oldest.idleSinceNanos + this.idleTimeoutNanos;
				if (now - expiry < 0) {
					next = earlier(next, expiry);
					break;
				}
				if (retireLocked(oldest, WorkerExitReason.IDLE)) {
					expired.add(oldest);
				}
				excess--;
			}
			if (this.ready.size() > this.coreSize) {
				next = earlier(next, now + this.idleTimeoutNanos);
			}
		}
		for (int i = 0; i < timedOutTasks.size(); i++) {
			WorkerHandle worker = timedOutWorkers.get(i);
			ProcessTask<?> task = timedOutTasks.get(i);
			// Completed now rather than when the worker's exit is noticed: the kill is certain.
			if (task.completeExceptionally(new TaskTimeoutException(name(), worker.id, worker.pid(),
					Objects.requireNonNull(this.config.taskTimeout())))) {
				this.failed.increment();
			}
		}
		expired.forEach(WorkerHandle::sendStop);
		for (WorkerHandle worker : overdue) {
			// Its exit is counted with the reason it was retired for.
			if (worker.alive()) {
				logger.log(Level.WARNING, "Worker " + worker + " of pool '" + name() + "' was killed: it had not "
						+ "exited start-timeout (" + this.config.startTimeout() + ") after it was retired ("
						+ worker.ending() + "); a finalizer or shutdown hook may hang");
			}
			worker.destroy();
		}
		return next - now;
	}

	private static long earlier(long a, long b) {
		return (b - a < 0) ? b : a;
	}

	// ---- stopping

	void stop() {
		List<WorkerHandle> stops = new ArrayList<>();
		boolean terminate;
		synchronized (this.lock) {
			if (this.queue.isEmpty()) {
				for (WorkerHandle worker : new ArrayList<>(this.idle)) {
					if (retireLocked(worker, WorkerExitReason.SHUTDOWN)) {
						stops.add(worker);
					}
				}
			}
			terminate = checkTerminatedLocked();
		}
		stops.forEach(WorkerHandle::sendStop);
		if (terminate) {
			this.manager.poolTerminated();
		}
	}

	List<PendingTask> stopNow() {
		List<ProcessTask<?>> drained;
		List<ProcessTask<?>> running = new ArrayList<>();
		List<WorkerHandle> kills = new ArrayList<>();
		boolean terminate;
		synchronized (this.lock) {
			drained = new ArrayList<>(this.queue);
			this.queue.clear();
			for (WorkerHandle worker : this.ready) {
				if (worker.current != null) {
					running.add(worker.current);
				}
			}
			kills.addAll(this.ready);
			kills.addAll(this.launching);
			kills.addAll(this.retiring);
			for (WorkerHandle worker : new ArrayList<>(this.ready)) {
				detachLocked(worker);
			}
			kills.forEach((worker) -> worker.end(WorkerExitReason.SHUTDOWN));
			terminate = checkTerminatedLocked();
		}
		kills.forEach(WorkerHandle::destroy);
		running.forEach((task) -> task.cancel(false));
		List<PendingTask> pending = new ArrayList<>(drained.size());
		for (ProcessTask<?> task : drained) {
			task.cancel(false);
			pending.add(task.toPendingTask());
		}
		if (terminate) {
			this.manager.poolTerminated();
		}
		return pending;
	}

	/**
	 * Kill every worker that is still alive, after a close that did not finish in time.
	 */
	void killAll() {
		List<WorkerHandle> kills = new ArrayList<>();
		synchronized (this.lock) {
			kills.addAll(this.ready);
			kills.addAll(this.launching);
			kills.addAll(this.retiring);
			for (WorkerHandle worker : new ArrayList<>(this.ready)) {
				detachLocked(worker);
			}
			kills.forEach((worker) -> worker.end(WorkerExitReason.SHUTDOWN));
		}
		kills.forEach(WorkerHandle::destroy);
	}

	void finishSupervisor() {
		this.supervisor.finish();
	}

	// ---- sizes and statistics

	PoolStats stats() {
		synchronized (this.lock) {
			List<Long> pids = new ArrayList<>(this.ready.size());
			for (WorkerHandle worker : this.ready) {
				pids.add(worker.pid());
			}
			pids.sort(null);
			WorkerProcessStats processes = new WorkerProcessStats(this.starts, this.restarts, this.startFailures,
					this.exits, pids);
			return new PoolStats(name(), PoolKind.PROCESS, this.manager.state(), this.manager.taskType(),
					this.coreSize, this.maxSize, this.ready.size(), this.ready.size() - this.idle.size(),
					this.queue.size(), this.config.queueCapacity(), this.completed.sum(), this.failed.sum(),
					this.manager.rejections(), processes);
		}
	}

	int maxSize() {
		synchronized (this.lock) {
			return this.maxSize;
		}
	}

	/**
	 * Change the sizes; the caller has validated them. Idle workers above the new
	 * maximum leave at once, busy ones after their task; idle workers above the new
	 * core size leave after the idle timeout.
	 */
	void resize(int coreSize, int maxSize) {
		List<WorkerHandle> stops = new ArrayList<>();
		List<WorkerHandle> launches = new ArrayList<>();
		synchronized (this.lock) {
			this.coreSize = coreSize;
			this.maxSize = maxSize;
			while (this.ready.size() > maxSize && !this.idle.isEmpty()) {
				WorkerHandle worker = this.idle.peekLast();
				if (retireLocked(worker, WorkerExitReason.IDLE)) {
					stops.add(worker);
				}
			}
			WorkerHandle launch;
			while ((launch = launchIfNeededLocked(false)) != null) {
				launches.add(launch);
			}
		}
		stops.forEach(WorkerHandle::sendStop);
		launches.forEach(this::launch);
		this.supervisor.wake();
	}

	// ---- helpers, all called with the lock held

	private void assignLocked(WorkerHandle worker, ProcessTask<?> task) {
		worker.current = task;
		task.worker = worker;
		if (this.taskTimeoutNanos > 0) {
			task.deadlineNanos = System.nanoTime() + this.taskTimeoutNanos;
		}
	}

	private @Nullable ProcessTask<?> pollQueueLocked() {
		ProcessTask<?> task;
		while ((task = this.queue.pollFirst()) != null) {
			if (!task.isDone()) { // completed by the caller while it waited
				return task;
			}
		}
		return null;
	}

	/**
	 * Take a worker out of service and decide its reason, unless it was decided already.
	 * @return {@code true} if the caller should tell it to stop
	 */
	private boolean retireLocked(WorkerHandle worker, WorkerExitReason reason) {
		detachLocked(worker);
		return worker.end(reason);
	}

	/**
	 * Move a worker to {@code retiring}, where it has until start-timeout to exit before
	 * the supervisor kills it.
	 */
	private void detachLocked(WorkerHandle worker) {
		if (worker.phase != Phase.RETIRING) {
			this.ready.remove(worker);
			this.idle.remove(worker);
			this.launching.remove(worker);
			worker.phase = Phase.RETIRING;
			worker.retireDeadlineNanos = System.nanoTime() + this.startTimeoutNanos;
			this.retiring.add(worker);
		}
	}

	/**
	 * Whether another worker should start: tasks wait that no starting worker will take,
	 * or (to keep the core size warm) a worker that had done work was lost.
	 */
	private boolean launchNeededLocked(boolean keepCore) {
		PoolState state = this.manager.state();
		if (state != PoolState.RUNNING && !(state == PoolState.STOPPING && !this.queue.isEmpty())) {
			return false;
		}
		int pending = this.launching.size() + this.backingOff;
		int live = this.ready.size() + pending;
		if (live >= this.maxSize) {
			return false;
		}
		return this.queue.size() > pending || (keepCore && live < this.coreSize);
	}

	private @Nullable WorkerHandle launchIfNeededLocked(boolean keepCore) {
		return launchNeededLocked(keepCore) ? newLaunchLocked() : null;
	}

	private WorkerHandle newLaunchLocked() {
		boolean replacement = this.pendingRestarts > 0;
		if (replacement) {
			this.pendingRestarts--;
		}
		WorkerHandle worker = new WorkerHandle(++this.nextWorkerId, this, this.config, replacement);
		worker.startDeadlineNanos = System.nanoTime() + this.startTimeoutNanos;
		this.launching.add(worker);
		return worker;
	}

	private boolean checkTerminatedLocked() {
		if (this.terminated) {
			return false;
		}
		PoolState state = this.manager.state();
		if (state == PoolState.NEW || state == PoolState.RUNNING) {
			return false;
		}
		if (!this.queue.isEmpty() || !this.ready.isEmpty() || !this.launching.isEmpty() || !this.retiring.isEmpty()
				|| this.backingOff > 0) {
			return false;
		}
		this.terminated = true;
		return true;
	}

}
