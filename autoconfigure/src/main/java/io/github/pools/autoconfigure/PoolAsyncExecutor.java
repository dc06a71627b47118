package io.github.pools.autoconfigure;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

import io.github.pools.thread.ThreadPoolManager;
import org.jspecify.annotations.Nullable;

/**
 * The executor behind {@code @Async("<pool>")} and {@code @Async("<pool>:<type>")}: it
 * submits every task to one pool with one task type, so that the task-type check
 * applies to {@code @Async} methods too. For a typed pool, the untyped form refuses
 * every task with {@link io.github.pools.UnknownTaskTypeException}: untyped work never
 * slips into a typed pool.
 */
final class PoolAsyncExecutor implements Executor {

	private final ThreadPoolManager pool;

	private final @Nullable String taskType;

	private final @Nullable ExecutorService delegate;

	PoolAsyncExecutor(ThreadPoolManager pool, @Nullable String taskType) {
		this.pool = pool;
		this.taskType = taskType;
		this.delegate = pool.accepts(taskType) ? pool.executor(taskType) : null;
	}

	@Override
	public void execute(Runnable command) {
		if (this.delegate == null) {
			this.pool.submit(this.taskType, command); // throws UnknownTaskTypeException
			return;
		}
		this.delegate.execute(command);
	}

	@Override
	public String toString() {
		if (this.delegate == null) {
			return "@Async executor of pool '" + this.pool.name() + "', which accepts only tasks of type '"
					+ this.pool.taskType() + "': use @Async(\"" + this.pool.name() + ":" + this.pool.taskType()
					+ "\")";
		}
		return "@Async executor of pool '" + this.pool.name() + "'"
				+ ((this.taskType != null) ? " for task type '" + this.taskType + "'" : "");
	}

}
