package io.github.pools.process;

import org.jspecify.annotations.Nullable;

/**
 * Watches a process pool's tasks from submit to completion, and hands each one the
 * trace context it carries into its worker JVM. Pools' auto-configuration sets one that
 * runs every task in a Micrometer {@code Observation} when the application has an
 * {@code ObservationRegistry}; a pool without an observer pays nothing for it.
 */
@FunctionalInterface
public interface ProcessTaskObserver {

	/**
	 * Start watching a task, on the thread that submits it, before it is serialized.
	 * @param pool the pool's name
	 * @param taskType the task's type, or {@code null}
	 * @return the task's observation, or {@code null} to leave this task alone
	 */
	@Nullable Observed start(String pool, @Nullable String taskType);

	/**
	 * One task under observation.
	 */
	interface Observed {

		/**
		 * Return the trace context the task carries into its worker, whose span is the
		 * parent of what the worker does for the task.
		 * @return a W3C {@code traceparent} (version {@code 00}), or {@code null} for none
		 */
		@Nullable String traceparent();

		/**
		 * End the observation: the task completed, failed, was cancelled or was never
		 * queued. Called once.
		 * @param failure why the task did not complete with a value, or {@code null}
		 */
		void stop(@Nullable Throwable failure);

	}

}
