package io.github.pools.process;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link WorkerPool} method decided under the pool's lock, carried out after it,
 * in a fixed order: kill, send, stop, start, complete, then wake the supervisor and
 * report termination. Nothing here runs under the lock: writing to a worker can block,
 * and completing a future runs the caller's dependent stages.
 */
final class Effects {

	private final WorkerPool pool;

	private @Nullable List<PooledWorker> kills;

	private @Nullable List<Send> sends;

	private @Nullable List<PooledWorker> stops;

	private @Nullable List<PooledWorker> launches;

	private @Nullable List<Done> done;

	/** Whether the supervisor should look again now. */
	boolean wakeSupervisor;

	/** Whether the pool has just terminated. */
	boolean terminated;

	Effects(WorkerPool pool) {
		this.pool = pool;
	}

	void kill(@Nullable PooledWorker worker) {
		if (worker != null) {
			this.kills = add(this.kills, worker);
		}
	}

	void send(PooledWorker worker, ProcessTask<?> task) {
		this.sends = add(this.sends, new Send(worker, task));
	}

	void stop(@Nullable PooledWorker worker) {
		if (worker != null) {
			this.stops = add(this.stops, worker);
		}
	}

	void launch(@Nullable PooledWorker worker) {
		if (worker != null) {
			this.launches = add(this.launches, worker);
		}
	}

	int launches() {
		return (this.launches != null) ? this.launches.size() : 0;
	}

	/**
	 * Complete a task taken from its worker, counted as run.
	 * @param task the task
	 * @param failure its failure, or {@code null} for a task cancelled while it ran
	 */
	void done(ProcessTask<?> task, @Nullable Throwable failure) {
		this.done = add(this.done, new Done(task, failure));
	}

	void run() {
		forEach(this.kills, PooledWorker::kill);
		forEach(this.sends, (send) -> send.worker().send(send.task()));
		forEach(this.stops, PooledWorker::sendStop);
		forEach(this.launches, this.pool::launch);
		forEach(this.done, (done) -> this.pool.finished(done.task(), done.failure()));
		if (this.wakeSupervisor) {
			this.pool.wakeSupervisor();
		}
		if (this.terminated) {
			this.pool.terminate();
		}
	}

	private static <E> List<E> add(@Nullable List<E> list, E element) {
		List<E> target = (list != null) ? list : new ArrayList<>(4);
		target.add(element);
		return target;
	}

	private static <E> void forEach(@Nullable List<E> list, java.util.function.Consumer<E> action) {
		if (list != null) {
			list.forEach(action);
		}
	}

	private record Send(PooledWorker worker, ProcessTask<?> task) {

	}

	private record Done(ProcessTask<?> task, @Nullable Throwable failure) {

	}

}
