package io.github.pools.process;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

import io.github.pools.BrokenPoolException;
import io.github.pools.PendingTask;
import io.github.pools.PoolCounters;
import io.github.pools.PoolKind;
import io.github.pools.PoolState;
import io.github.pools.PoolStats;
import io.github.pools.RejectionReason;
import io.github.pools.TaskTimeoutException;
import io.github.pools.WorkerCrashedException;
import io.github.pools.WorkerExitReason;
import io.github.pools.WorkerProcessStats;
import io.github.pools.internal.PoolControl;
import io.github.pools.internal.PoolEngine;
import io.github.pools.process.DispatchPolicy.AfterAnswer;
import io.github.pools.process.channel.Frame;
import io.github.pools.process.channel.ResultDecoder;
import org.jspecify.annotations.Nullable;

/**
 * The bookkeeping of a process pool: its queue, its workers and its counters, under one
 * lock. It applies the decisions of its {@link DispatchPolicy}; its
 * {@link WorkerLauncher} starts and serves each worker on a thread of its own, and its
 * {@link Supervisor} acts on time.
 * <p>
 * The lock is held only for bookkeeping, never while writing to a worker, waiting for
 * one, or completing a future (which runs the caller's dependent stages): each method
 * decides under the lock and acts after it, through {@link Effects}. A task takes the
 * lock twice: at submit, where an idle worker is taken and the task written to it on
 * the submitting thread, and when its answer arrives, where the worker's thread takes
 * the next queued task and writes it before it decodes the answer.
 * <p>
 * Whoever takes a task from its worker under the lock (its answer, a timeout, a
 * cancellation, a crash, a stop) completes it and counts it, once. Invariants, under the
 * lock: {@code workers} holds every worker not yet {@link WorkerState#EXITED EXITED},
 * {@code counts} their number by state, {@code idle} exactly the {@code IDLE} ones (most
 * recently used first), which is empty whenever a task waits; a {@code BUSY} worker has
 * a task and no other has.
 */
final class WorkerPool implements PoolEngine {

	private final PoolControl control;

	private final PoolConfig config;

	private final DispatchPolicy policy;

	private final ResultDecoder decoder;

	private final WorkerLauncher launcher;

	private final Supervisor supervisor;

	private final Object lock = new Object();

	/** Written under lock; volatile for {@link #counters()}. */
	private volatile int coreSize;

	/** Written under lock; volatile for {@link #counters()}. */
	private volatile int maxSize;

	/** Tasks waiting for a worker, oldest first; guarded by lock. */
	private final ArrayDeque<ProcessTask<?>> queue = new ArrayDeque<>();

	/** Guarded by lock. */
	private final ArrayDeque<PooledWorker> idle = new ArrayDeque<>();

	/** Guarded by lock. */
	private final List<PooledWorker> workers = new ArrayList<>();

	/** Workers by state; guarded by lock. */
	private final int[] counts = new int[WorkerState.values().length];

	/** Launcher threads pausing before they retry a failed start; guarded by lock. */
	private int pausing;

	/** Guarded by lock. */
	private int nextWorkerId;

	/** Workers lost or recycled whose replacement has not started; guarded by lock. */
	private int pendingRestarts;

	/** Start failures since the last worker became ready; guarded by lock. */
	private int failedStartsInARow;

	/** Written under lock; volatile for {@link #counters()}. */
	private volatile long starts;

	/** Written under lock; volatile for {@link #counters()}. */
	private volatile long restarts;

	/** Written under lock; volatile for {@link #counters()}. */
	private volatile long startFailures;

	/** Exits by reason ordinal; written under lock. */
	private final AtomicLongArray exits = new AtomicLongArray(WorkerExitReason.values().length);

	/** The queue's size, the ready and the busy workers as of the last change under the lock. */
	private volatile int queuedNow;

	private volatile int readyNow;

	private volatile int busyNow;

	/** Guarded by lock. */
	private boolean terminated;

	private final LongAdder completed = new LongAdder();

	private final LongAdder failed = new LongAdder();

	WorkerPool(PoolControl control, PoolConfig config, WorkerStarter starter) {
		this.control = control;
		this.config = config;
		this.coreSize = config.settings().coreSize();
		this.maxSize = config.settings().maxSize();
		this.policy = new DispatchPolicy(config.settings().maxTasksPerWorker(), config.settings().prestart());
		this.decoder = new ResultDecoder(config.name(), config.codec());
		this.launcher = new WorkerLauncher(this, starter, config);
		this.supervisor = new Supervisor(this, config);
	}

	String name() {
		return this.config.name();
	}

	PoolState state() {
		return this.control.state();
	}

	// ---- life cycle

	@Override
	public void start() {
		this.supervisor.start();
		if (this.config.settings().prestart()) {
			prestart(this.config.settings().coreSize());
		}
	}

	@Override
	public void stop() {
		Effects effects = new Effects(this);
		synchronized (this.lock) {
			if (this.queue.isEmpty()) {
				for (PooledWorker worker : List.copyOf(this.idle)) {
					effects.stop(retire(worker, WorkerExitReason.SHUTDOWN));
				}
			}
			this.lock.notifyAll(); // launchers pausing before a retry look again
			effects.terminated = checkTerminated();
		}
		effects.run();
	}

	@Override
	public List<PendingTask> stopNow() {
		Effects effects = new Effects(this);
		List<ProcessTask<?>> drained;
		synchronized (this.lock) {
			drained = new ArrayList<>(this.queue);
			this.queue.clear();
			this.queuedNow = 0;
			for (PooledWorker worker : List.copyOf(this.workers)) {
				ProcessTask<?> running = takeTask(worker);
				if (running != null) {
					effects.done(running, null);
				}
				retire(worker, WorkerExitReason.SHUTDOWN);
				effects.kill(worker);
			}
			this.lock.notifyAll();
			effects.terminated = checkTerminated();
		}
		effects.run();
		List<PendingTask> pending = new ArrayList<>(drained.size());
		for (ProcessTask<?> task : drained) {
			task.cancel(false);
			pending.add(task.toPendingTask());
		}
		return pending;
	}

	/**
	 * Kill every worker still alive, after a close that did not finish in time.
	 */
	void killAll() {
		List<PooledWorker> all;
		synchronized (this.lock) {
			all = List.copyOf(this.workers);
			all.forEach((worker) -> retire(worker, WorkerExitReason.SHUTDOWN));
		}
		all.forEach(PooledWorker::kill);
	}

	// ---- tasks in

	/**
	 * Hand a task to an idle worker, or queue it and start a worker if one is missing.
	 * @param task the task
	 * @throws io.github.pools.TaskRejectedException if the pool stopped accepting tasks
	 * since the caller checked, or its queue is full
	 */
	void dispatch(ProcessTask<?> task) {
		PooledWorker worker;
		PooledWorker launch = null;
		boolean running;
		boolean saturated = false;
		int maxSize;
		synchronized (this.lock) {
			// Checked again under the lock, so that stop() cannot miss a task queued after it.
			running = this.control.state() == PoolState.RUNNING;
			maxSize = this.maxSize;
			worker = running ? this.idle.pollFirst() : null;
			if (worker != null) {
				assign(worker, task);
			}
			else if (running && this.queue.size() < this.config.queueCapacity()) {
				this.queue.addLast(task);
				this.queuedNow = this.queue.size();
				launch = launchForQueue();
			}
			else {
				saturated = running;
			}
		}
		// Refused outside the lock: a refusal tells the listeners.
		if (!running) {
			throw this.control.stateRefusal();
		}
		if (saturated) {
			throw this.control.saturated("its " + maxSize + " worker(s) are busy and its queue of "
					+ this.config.queueCapacity() + " is full");
		}
		if (worker != null) {
			worker.send(task);
		}
		if (launch != null) {
			this.launcher.launch(launch);
		}
	}

	/**
	 * Start idle workers ahead of demand, up to the maximum size.
	 * @param count how many at most
	 * @return how many were started
	 */
	int prestart(int count) {
		Effects effects = new Effects(this);
		synchronized (this.lock) {
			if (this.control.state() == PoolState.RUNNING) {
				int room = this.maxSize - ready() - starting();
				for (int i = 0; i < Math.min(count, room); i++) {
					effects.launch(newWorker());
				}
			}
		}
		effects.run();
		return effects.launches();
	}

	void cancelled(ProcessTask<?> task, boolean mayInterruptIfRunning) {
		Effects effects = new Effects(this);
		synchronized (this.lock) {
			if (this.queue.remove(task)) {
				this.queuedNow = this.queue.size();
				effects.terminated = checkTerminated();
			}
			else if (mayInterruptIfRunning && task.worker != null) {
				PooledWorker worker = task.worker;
				takeTask(worker);
				effects.kill(retire(worker, WorkerExitReason.CANCELLED));
				effects.done(task, null);
			}
		}
		effects.run();
	}

	// ---- workers starting

	/**
	 * Put a worker that reported ready to work: a queued task, idleness, or retirement.
	 * @return {@code false} if it was too late: its start timed out and it was killed
	 */
	boolean ready(PooledWorker worker) {
		if (this.control.state() == PoolState.BROKEN) {
			this.control.recovered(); // a worker started: the pool serves again
		}
		Effects effects = new Effects(this);
		synchronized (this.lock) {
			if (worker.startTimedOut) {
				return false;
			}
			this.failedStartsInARow = 0;
			this.starts++;
			if (worker.replacement) {
				this.restarts++;
			}
			if (worker.state == WorkerState.STARTING) { // not killed while it started
				ProcessTask<?> first = firstWaiting();
				switch (this.policy.onReady(first != null, this.control.state())) {
					case TAKE_TASK -> {
						assign(worker, pollQueue());
						effects.send(worker, first);
					}
					case IDLE -> makeIdle(worker);
					case RETIRE -> effects.stop(retire(worker, WorkerExitReason.SHUTDOWN));
				}
			}
			effects.wakeSupervisor = ready() > this.coreSize;
		}
		this.control.notifyListeners((listener) -> listener.workerStarted(this.control.owner(), worker.id, worker.pid()));
		effects.run();
		return true;
	}

	/**
	 * Account for a worker that failed to start.
	 * @param worker the worker, whose process has ended
	 * @param counts whether the failure says something about the pool's configuration,
	 * unlike a worker killed from outside while it started
	 * @return the failure as the pool saw it
	 */
	StartFailure startFailed(PooledWorker worker, boolean counts) {
		Effects effects = new Effects(this);
		StartFailure failure;
		synchronized (this.lock) {
			boolean aborted = worker.exitReason != null; // killed on purpose: a stop, a broken pool
			boolean timedOut = worker.startTimedOut;
			remove(worker);
			if (aborted) {
				this.exits.incrementAndGet(worker.exitReason.ordinal());
			}
			else if (counts) {
				this.startFailures++;
				this.failedStartsInARow++;
			}
			else {
				this.exits.incrementAndGet(WorkerExitReason.CRASH.ordinal());
			}
			effects.terminated = checkTerminated();
			failure = new StartFailure(aborted, timedOut, this.failedStartsInARow);
		}
		effects.run();
		return failure;
	}

	/**
	 * Wait before retrying a failed start, then return the worker to start if one is
	 * still needed: tasks wait for it, or the pool is broken and no other worker tries.
	 * @param pauseNanos how long to wait; a stop ends the wait early
	 * @return the worker to start, or {@code null}
	 */
	@Nullable PooledWorker retryAfter(long pauseNanos) {
		Effects effects = new Effects(this);
		PooledWorker retry = null;
		synchronized (this.lock) {
			this.pausing++;
			long deadline = System.nanoTime() + pauseNanos;
			long remaining = pauseNanos;
			try {
				while (remaining > 0 && mayRetry()) {
					TimeUnit.NANOSECONDS.timedWait(this.lock, remaining);
					remaining = deadline - System.nanoTime();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.pausing--;
			if (this.control.state() == PoolState.BROKEN && starting() == 0) {
				retry = newWorker(); // the one worker that tries to recover the pool
			}
			else {
				retry = this.policy.prestart() ? launchForQueueOrCore() : launchForQueue();
			}
			effects.terminated = checkTerminated();
		}
		effects.run();
		return retry;
	}

	/** Whether a worker may still be wanted: a stop with nothing left to run ends a pause. */
	private boolean mayRetry() {
		PoolState state = this.control.state();
		return state == PoolState.RUNNING || state == PoolState.BROKEN
				|| (state == PoolState.STOPPING && !this.queue.isEmpty());
	}

	/**
	 * Break the pool: fail the queued tasks and end the idle and starting workers. A
	 * stopping pool that cannot start workers for the tasks it still holds fails them
	 * and terminates instead.
	 * @param cause why no worker starts
	 */
	void breakPool(Throwable cause) {
		boolean broke = this.control.markBroken(cause);
		Effects effects = new Effects(this);
		List<ProcessTask<?>> dropped;
		synchronized (this.lock) {
			dropped = new ArrayList<>(this.queue);
			this.queue.clear();
			this.queuedNow = 0;
			if (broke) {
				for (PooledWorker worker : List.copyOf(this.workers)) {
					if (worker.state == WorkerState.IDLE) {
						effects.stop(retire(worker, WorkerExitReason.SHUTDOWN));
					}
					else if (worker.state == WorkerState.STARTING) {
						effects.kill(retire(worker, WorkerExitReason.SHUTDOWN));
					}
				}
			}
			effects.terminated = checkTerminated();
		}
		BrokenPoolException failure = broke ? this.control.brokenException()
				: new BrokenPoolException(name(), "Pool '" + name() + "' could not start a worker for the tasks it "
						+ "still held while stopping: " + cause.getMessage(), cause);
		dropped.forEach((task) -> task.completeExceptionally(failure));
		effects.run();
	}

	// ---- answers, and workers ending

	/**
	 * Take a worker's answer: give the worker its next task (or retire it), then
	 * complete the answered task. Called on the worker's thread.
	 * @return {@code false} if the worker answered without a task: a protocol error
	 */
	boolean answered(PooledWorker worker, Frame frame) {
		ProcessTask<?> done;
		ProcessTask<?> next = null;
		boolean stop = false;
		PooledWorker launch = null;
		synchronized (this.lock) {
			done = takeTask(worker);
			if (done == null) {
				// Its task was taken by a timeout or a stop, which also killed it.
				return worker.state == WorkerState.RETIRING;
			}
			worker.tasksRun++;
			ProcessTask<?> waiting = firstWaiting();
			switch (this.policy.afterAnswer(worker.tasksRun, ready(), this.maxSize, waiting != null,
					this.control.state())) {
				case NEXT_TASK -> assign(worker, next = pollQueue());
				case IDLE -> makeIdle(worker);
				case RECYCLE -> {
					stop = retire(worker, WorkerExitReason.RECYCLED) != null;
					this.pendingRestarts = Math.min(this.pendingRestarts + 1, this.maxSize);
					launch = launchForQueueOrCore();
				}
				case RETIRE_EXCESS -> stop = retire(worker, WorkerExitReason.IDLE) != null;
				case RETIRE -> stop = retire(worker, WorkerExitReason.SHUTDOWN) != null;
			}
		}
		// The worker gets its next task before this one's answer is decoded.
		if (next != null) {
			worker.send(next);
		}
		if (stop) {
			worker.sendStop();
		}
		if (launch != null) {
			this.launcher.launch(launch);
		}
		ResultDecoder.Outcome outcome = this.decoder.decode(frame, done.resultLoader());
		finished(done, outcome.failure(), outcome.value());
		return true;
	}

	/**
	 * Count a task taken from its worker as run, and complete it: with its failure, or
	 * with its value. A failure is counted even if the caller completed the future first.
	 */
	@SuppressWarnings("unchecked")
	private void finished(ProcessTask<?> task, @Nullable Throwable failure, @Nullable Object value) {
		task.recordTime();
		this.completed.increment();
		if (failure != null) {
			this.failed.increment();
			task.completeExceptionally(failure);
		}
		else {
			((CompletableFuture<Object>) task).complete(value);
		}
	}

	/**
	 * Count a task taken from a running worker as run: failed with {@code failure}, or,
	 * without one, cancelled (its worker was killed for {@code cancel(true)} or a stop).
	 */
	void finished(ProcessTask<?> task, @Nullable Throwable failure) {
		if (failure != null) {
			finished(task, failure, null);
		}
		else {
			task.recordTime();
			this.completed.increment();
			task.cancel(false);
		}
	}

	void launch(PooledWorker worker) {
		this.launcher.launch(worker);
	}

	void wakeSupervisor() {
		this.supervisor.wake();
	}

	void terminate() {
		this.supervisor.finish();
		this.control.terminated();
	}

	/**
	 * Take a worker out of service: it gets no more tasks. Called on the worker's thread
	 * when its channel broke or closed, before it waits for the process to exit; a
	 * reason decided before stands.
	 */
	void channelClosed(PooledWorker worker, WorkerExitReason reason) {
		synchronized (this.lock) {
			retire(worker, reason);
		}
	}

	/**
	 * Account for a worker that has exited, fail the task it held, and start a
	 * replacement if one is needed. Called on the worker's thread, last.
	 * @param worker the worker
	 * @param exit how its process ended
	 * @param channelProblem what was wrong with its channel, for a protocol error
	 */
	void exited(PooledWorker worker, WorkerProcess.Exit exit, @Nullable String channelProblem) {
		Effects effects = new Effects(this);
		ProcessTask<?> lost;
		WorkerExitReason reason;
		String problem = channelProblem;
		synchronized (this.lock) {
			lost = takeTask(worker);
			retire(worker, WorkerExitReason.CRASH);
			if (worker.exitReason == WorkerExitReason.CRASH && exit.exitCode() == null) {
				worker.exitReason = WorkerExitReason.PROTOCOL_ERROR; // it lingered after its channel closed
				problem = "closed its end of the channel without exiting";
			}
			reason = worker.exitReason;
			remove(worker);
			this.exits.incrementAndGet(reason.ordinal());
			if (DispatchPolicy.abnormal(reason)) {
				this.pendingRestarts = Math.min(this.pendingRestarts + 1, this.maxSize);
			}
			effects.launch(this.policy.replaceAtOnce(reason, lost != null || worker.tasksRun > 0) ? launchForQueueOrCore()
					: launchForQueue());
			effects.terminated = checkTerminated();
		}
		WorkerEvents.logExit(name(), worker, reason, exit.exitCode(), lost != null, problem, this.config);
		this.control.notifyListeners(
				(listener) -> listener.workerExited(this.control.owner(), worker.id, worker.pid(), reason));
		if (lost != null) {
			effects.done(lost, (reason == WorkerExitReason.PROTOCOL_ERROR)
					? new WorkerCrashedException(name(), worker.id, worker.pid(), exit.exitCode(), exit.stderrTail(),
							"broke the channel protocol (" + problem + ") and was killed", true)
					: new WorkerCrashedException(name(), worker.id, worker.pid(), exit.exitCode(), exit.stderrTail()));
		}
		effects.run();
	}

	// ---- time, for the supervisor: each call checks that the worker is still where it was seen

	@Nullable Snapshot snapshot() {
		synchronized (this.lock) {
			return this.terminated ? null : new Snapshot(List.copyOf(this.workers), ready(), this.coreSize);
		}
	}

	void taskTimedOut(PooledWorker worker, long since) {
		Effects effects = new Effects(this);
		synchronized (this.lock) {
			if (worker.state == WorkerState.BUSY && worker.sinceNanos == since) {
				ProcessTask<?> task = takeTask(worker);
				effects.kill(retire(worker, WorkerExitReason.TIMEOUT));
				effects.done(Objects.requireNonNull(task), new TaskTimeoutException(name(), worker.id, worker.pid(),
						Objects.requireNonNull(this.config.taskTimeout())));
			}
		}
		effects.run();
	}

	void startTimedOut(PooledWorker worker, long since) {
		synchronized (this.lock) {
			if (worker.state != WorkerState.STARTING || worker.sinceNanos != since) {
				return;
			}
			worker.startTimedOut = true;
		}
		worker.kill();
	}

	void idleExpired(PooledWorker worker, long since) {
		Effects effects = new Effects(this);
		synchronized (this.lock) {
			if (worker.state == WorkerState.IDLE && worker.sinceNanos == since && ready() > this.coreSize) {
				effects.stop(retire(worker, WorkerExitReason.IDLE));
			}
		}
		effects.run();
	}

	void exitOverdue(PooledWorker worker, long since) {
		WorkerExitReason reason;
		synchronized (this.lock) {
			if (worker.state != WorkerState.RETIRING || worker.sinceNanos != since || worker.killed()) {
				return;
			}
			reason = worker.exitReason;
		}
		WorkerEvents.logOverdue(name(), worker, reason, this.config);
		worker.kill(); // its exit still counts under the reason it was retired for
	}

	/**
	 * The workers as the supervisor reads them.
	 *
	 * @param workers every worker not yet exited
	 * @param ready the ready workers, idle or busy
	 * @param coreSize the core size
	 */
	record Snapshot(List<PooledWorker> workers, int ready, int coreSize) {

	}

	// ---- sizes and statistics

	PoolStats stats() {
		synchronized (this.lock) {
			List<Long> pids = new ArrayList<>();
			for (PooledWorker worker : this.workers) {
				if (worker.state == WorkerState.IDLE || worker.state == WorkerState.BUSY) {
					pids.add(worker.pid());
				}
			}
			pids.sort(null);
			Map<WorkerExitReason, Long> exits = new EnumMap<>(WorkerExitReason.class);
			for (WorkerExitReason reason : WorkerExitReason.values()) {
				exits.put(reason, this.exits.get(reason.ordinal()));
			}
			WorkerProcessStats processes = new WorkerProcessStats(this.starts, this.restarts, this.startFailures,
					exits, pids);
			return new PoolStats(name(), PoolKind.PROCESS, this.control.state(), this.control.taskType(),
					this.coreSize, this.maxSize, ready(), this.counts[WorkerState.BUSY.ordinal()], this.queue.size(),
					this.config.queueCapacity(), this.completed.sum(), this.failed.sum(), this.control.rejections(),
					processes);
		}
	}

	/**
	 * The pool's counters read one field at a time, without the lock: what the meters
	 * read on every scrape. Each value is the one of the last change; they are not read
	 * together, as {@link #stats()} reads them.
	 */
	PoolCounters counters() {
		return this.counters;
	}

	private final PoolCounters counters = new PoolCounters() {

		@Override
		public int coreSize() {
			return WorkerPool.this.coreSize;
		}

		@Override
		public int maxSize() {
			return WorkerPool.this.maxSize;
		}

		@Override
		public int workers() {
			return WorkerPool.this.readyNow;
		}

		@Override
		public int busyWorkers() {
			return WorkerPool.this.busyNow;
		}

		@Override
		public int queued() {
			return WorkerPool.this.queuedNow;
		}

		@Override
		public int queueCapacity() {
			return WorkerPool.this.config.queueCapacity();
		}

		@Override
		public long completed() {
			return WorkerPool.this.completed.sum();
		}

		@Override
		public long failed() {
			return WorkerPool.this.failed.sum();
		}

		@Override
		public long rejected(RejectionReason reason) {
			return WorkerPool.this.control.rejected(reason);
		}

		@Override
		public long workerStarts() {
			return WorkerPool.this.starts;
		}

		@Override
		public long workerRestarts() {
			return WorkerPool.this.restarts;
		}

		@Override
		public long workerStartFailures() {
			return WorkerPool.this.startFailures;
		}

		@Override
		public long workerExits(WorkerExitReason reason) {
			return WorkerPool.this.exits.get(reason.ordinal());
		}

	};

	/**
	 * Change the sizes; the caller has validated them. Idle workers above the new
	 * maximum leave at once, busy ones after their task; idle workers above the new
	 * core size leave after the idle timeout.
	 */
	void resize(int coreSize, int maxSize) {
		Effects effects = new Effects(this);
		synchronized (this.lock) {
			this.coreSize = coreSize;
			this.maxSize = maxSize;
			while (ready() > maxSize && !this.idle.isEmpty()) {
				effects.stop(retire(this.idle.peekLast(), WorkerExitReason.IDLE));
			}
			PooledWorker launch;
			while ((launch = launchForQueue()) != null) {
				effects.launch(launch);
			}
			effects.wakeSupervisor = true;
		}
		effects.run();
	}

	// ---- helpers, all called with the lock held

	private int ready() {
		return this.counts[WorkerState.IDLE.ordinal()] + this.counts[WorkerState.BUSY.ordinal()];
	}

	private int starting() {
		return this.counts[WorkerState.STARTING.ordinal()] + this.pausing;
	}

	private void move(PooledWorker worker, WorkerState to) {
		this.counts[worker.state.ordinal()]--;
		this.counts[to.ordinal()]++;
		this.readyNow = ready();
		this.busyNow = this.counts[WorkerState.BUSY.ordinal()];
		worker.state = to;
		worker.sinceNanos = System.nanoTime();
	}

	private ProcessTask<?> pollQueue() {
		ProcessTask<?> task = this.queue.pollFirst();
		this.queuedNow = this.queue.size();
		return task;
	}

	private void assign(PooledWorker worker, ProcessTask<?> task) {
		worker.task = task;
		task.worker = worker;
		move(worker, WorkerState.BUSY);
	}

	private void makeIdle(PooledWorker worker) {
		move(worker, WorkerState.IDLE);
		this.idle.addFirst(worker);
	}

	private @Nullable ProcessTask<?> takeTask(PooledWorker worker) {
		ProcessTask<?> task = worker.task;
		if (task != null) {
			worker.task = null;
			task.worker = null;
		}
		return task;
	}

	/** The first queued task nobody completed while it waited, left in the queue. */
	private @Nullable ProcessTask<?> firstWaiting() {
		ProcessTask<?> task;
		while ((task = this.queue.peekFirst()) != null && task.isDone()) {
			pollQueue(); // completed by the caller while it waited: never run, never counted
		}
		return task;
	}

	/**
	 * Take a worker out of service with a reason, unless it already is; a reason decided
	 * earlier stands. Retiring workers have until the start timeout to exit.
	 * @return the worker if this call took it out of service, for the caller to stop or
	 * kill; {@code null} if it already was
	 */
	private @Nullable PooledWorker retire(PooledWorker worker, WorkerExitReason reason) {
		if (worker.exitReason == null) {
			worker.exitReason = reason;
		}
		if (worker.state == WorkerState.RETIRING || worker.state == WorkerState.EXITED) {
			return null;
		}
		this.idle.remove(worker);
		move(worker, WorkerState.RETIRING);
		return worker;
	}

	private void remove(PooledWorker worker) {
		if (worker.state != WorkerState.EXITED) {
			this.idle.remove(worker);
			this.workers.remove(worker);
			move(worker, WorkerState.EXITED);
		}
	}

	/** Start a worker if tasks wait that no starting worker will take. */
	private @Nullable PooledWorker launchForQueue() {
		return this.policy.launchForQueue(this.control.state(), this.queue.size(), starting(), ready(), this.maxSize)
				? newWorker() : null;
	}

	/** Start a worker if tasks wait for one or the pool is below its core size. */
	private @Nullable PooledWorker launchForQueueOrCore() {
		return this.policy.launchForQueueOrCore(this.control.state(), this.queue.size(), starting(), ready(),
				this.coreSize, this.maxSize) ? newWorker() : null;
	}

	private PooledWorker newWorker() {
		boolean replacement = this.pendingRestarts > 0;
		if (replacement) {
			this.pendingRestarts--;
		}
		PooledWorker worker = new PooledWorker(name(), ++this.nextWorkerId, replacement, System.nanoTime());
		this.workers.add(worker);
		this.counts[WorkerState.STARTING.ordinal()]++;
		return worker;
	}

	private boolean checkTerminated() {
		if (this.terminated || this.control.state() != PoolState.STOPPING || !this.queue.isEmpty()
				|| !this.workers.isEmpty() || this.pausing > 0) {
			return false;
		}
		this.terminated = true;
		return true;
	}

	/**
	 * A failed start as the pool saw it.
	 *
	 * @param aborted whether the pool itself ended the worker (a stop, a broken pool)
	 * @param timedOut whether it was killed for not being ready within the start timeout
	 * @param inARow start failures since a worker last became ready, this one included
	 */
	record StartFailure(boolean aborted, boolean timedOut, int inARow) {

	}

}
