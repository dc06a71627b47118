package io.github.pools.sample;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.web.context.request.async.DeferredResult;

/**
 * Answers a request with the result of a pool task, and cancels the task when nobody
 * waits for it any more: the request timed out ({@code spring.mvc.async.request-timeout},
 * answered 503 by {@link PoolErrorHandler}) or the container reported an error on it. A
 * cancelled task leaves its pool's queue, or, if it already runs, is interrupted (thread
 * pools) or has its worker JVM killed (process pools), so abandoned requests do not keep
 * a saturated pool busy.
 * <p>
 * A servlet container notices a client that went away only when it reads from or writes
 * to its connection, which an idle asynchronous request does not do: the task of such a
 * client is cancelled at the latest when its request times out.
 */
final class DeferredTasks {

	private DeferredTasks() {
	}

	/**
	 * Answer with the result of a task.
	 * @param <T> the result type
	 * @param task the future of a pool task
	 * @return the deferred answer
	 */
	static <T> DeferredResult<T> of(CompletableFuture<T> task) {
		return of(task, task);
	}

	/**
	 * Answer with a result computed from a task, cancelling the task itself (cancelling a
	 * dependent stage would not reach the pool).
	 * @param <T> the answer type
	 * @param answer the answer, a stage that depends on the task
	 * @param task the future of the pool task
	 * @return the deferred answer
	 */
	static <T> DeferredResult<T> of(CompletableFuture<T> answer, Future<?> task) {
		DeferredResult<T> result = new DeferredResult<>();
		AtomicBoolean abandoned = new AtomicBoolean();
		answer.whenComplete((value, failure) -> {
			if (abandoned.get()) {
				return; // the request is answered already, by its timeout or its error
			}
			if (failure != null) {
				result.setErrorResult(unwrap(failure));
			}
			else {
				result.setResult(value);
			}
		});
		Runnable abandon = () -> {
			abandoned.set(true);
			task.cancel(true);
		};
		result.onTimeout(abandon);
		result.onError((failure) -> abandon.run());
		// Completion after a timeout, an error or a disconnect; a no-op once the task is done.
		result.onCompletion(() -> task.cancel(true));
		return result;
	}

	private static Throwable unwrap(Throwable failure) {
		return (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
	}

}
