package io.github.pools;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

/**
 * A test-only {@link PoolManager} of kind {@link PoolKind#PROCESS}: its state and
 * statistics are set by the test, and it fires listener events on demand. It stands in
 * for the process pool in tests of the endpoint, health and events, and runs no task.
 */
public class StubProcessPool implements PoolManager {

	private final String name;

	private final List<PoolListener> listeners = new CopyOnWriteArrayList<>();

	private volatile PoolState state = PoolState.RUNNING;

	private volatile long crashes;

	/**
	 * Create a new running stub.
	 * @param name the pool name
	 */
	public StubProcessPool(String name) {
		this.name = name;
	}

	/**
	 * Set the state the stub reports.
	 * @param state the state
	 * @return this stub
	 */
	public StubProcessPool state(PoolState state) {
		this.state = state;
		return this;
	}

	/**
	 * Tell the listeners that a worker crashed, and count it.
	 * @param pid the worker's process id
	 */
	public void crash(long pid) {
		this.crashes++;
		this.listeners.forEach((listener) -> listener.workerExited(this, (int) pid, pid, WorkerExitReason.CRASH));
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public PoolKind kind() {
		return PoolKind.PROCESS;
	}

	@Override
	public @Nullable String taskType() {
		return "render";
	}

	@Override
	public void start() {
	}

	@Override
	public PoolState state() {
		return this.state;
	}

	@Override
	public void check() {
	}

	@Override
	public void stop() {
	}

	@Override
	public List<PendingTask> stopNow() {
		return List.of();
	}

	@Override
	public boolean awaitTermination(Duration timeout) {
		return true;
	}

	@Override
	public void close() {
	}

	@Override
	public PoolStats stats() {
		Map<RejectionReason, Long> rejected = new EnumMap<>(RejectionReason.class);
		for (RejectionReason reason : RejectionReason.values()) {
			rejected.put(reason, 0L);
		}
		rejected.put(RejectionReason.BROKEN, 4L);
		Map<WorkerExitReason, Long> exits = new EnumMap<>(WorkerExitReason.class);
		for (WorkerExitReason reason : WorkerExitReason.values()) {
			exits.put(reason, 0L);
		}
		exits.put(WorkerExitReason.CRASH, 5L + this.crashes);
		exits.put(WorkerExitReason.TIMEOUT, 2L);
		WorkerProcessStats processes = new WorkerProcessStats(9, 7, 3, exits, List.of(4101L, 4102L));
		return new PoolStats(this.name, PoolKind.PROCESS, this.state, "render", 1, 2, 2, 1, 3, 10, 42, 6, rejected,
				processes);
	}

	@Override
	public int prestart(int count) {
		return 0;
	}

	@Override
	public void resize(int coreSize, int maxSize) {
		throw new UnsupportedOperationException("stub");
	}

	@Override
	public void addListener(PoolListener listener) {
		this.listeners.add(listener);
	}

	@Override
	public void removeListener(PoolListener listener) {
		this.listeners.remove(listener);
	}

	@Override
	public void addTaskTimer(TaskTimer timer) {
	}

	@Override
	public void removeTaskTimer(TaskTimer timer) {
	}

}
