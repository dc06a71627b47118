package io.github.pools.autoconfigure;

import java.util.concurrent.Executor;

import io.github.pools.thread.ThreadPoolManager;
import org.jspecify.annotations.Nullable;

/**
 * The executor behind {@code @Async("<pool>")} and {@code @Async("<pool>:<type>")}: it
 * hands every task to one pool with one task type, through
 * {@link ThreadPoolManager#execute(String, Runnable)}, so that the task-type check
 * applies to {@code @Async} methods too. For a typed pool, the untyped form refuses
 * every task with {@link io.github.pools.UnknownTaskTypeException}: untyped work never
 * slips into a typed pool.
 */
final class PoolAsyncExecutor implements Executor {

	private final ThreadPoolManager pool;

	private final @Nullable String taskType;

	PoolAsyncExecutor(ThreadPoolManager pool, @Nullable String taskType) {
		this.pool = pool;
		this.taskType = taskType;
	}

	@Override
	public void execute(Runnable command) {
		this.pool.execute(this.taskType, command);
	}

	@Override
	public String toString() {
		if (!this.pool.accepts(this.taskType)) {
			return "@Async executor of pool '" + this.pool.name() + "', which accepts only tasks of type '"
					+ this.pool.taskType() + "': use @Async(\"" + this.pool.name() + ":" + this.pool.taskType()
					+ "\")";
		}
		return "@Async executor of pool '" + this.pool.name() + "'"
				+ ((this.taskType != null) ? " for task type '" + this.taskType + "'" : "");
	}

}
