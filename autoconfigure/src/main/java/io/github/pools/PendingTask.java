package io.github.pools;

import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;

/**
 * A task that was accepted but never started, as returned by
 * {@link PoolManager#stopNow()} (asyncpal's {@code cancelled_tasks}). Its future has
 * been cancelled; the task itself can be submitted again elsewhere.
 *
 * @param taskType the task type it was submitted with, or {@code null}
 * @param task the object that was submitted: a {@code Callable}, a {@code Runnable} or
 * a {@code SerializableCallable}
 * @param future the future that was handed out at submit, now cancelled
 */
public record PendingTask(@Nullable String taskType, Object task, Future<?> future) {

}
