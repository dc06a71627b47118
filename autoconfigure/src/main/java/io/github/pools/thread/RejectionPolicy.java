package io.github.pools.thread;

import java.util.concurrent.ThreadPoolExecutor;

import io.github.pools.RejectionReason;

/**
 * What a saturated thread pool does with one more task: every worker is busy and the
 * queue is full. Whatever the policy, the refusal is counted as
 * {@link RejectionReason#SATURATED}, and no future is left pending: a discarded task's
 * future is cancelled (the JDK's discard policies leave it pending forever). A pool
 * that is stopping refuses every task with {@link RejectionReason#SHUTDOWN}, whatever
 * its policy.
 */
public enum RejectionPolicy {

	/**
	 * Throw {@link io.github.pools.TaskRejectedException} at submit (the default, like
	 * {@link ThreadPoolExecutor.AbortPolicy}).
	 */
	ABORT {
		@Override
		void rejected(TaskFuture<?> task, ThreadPoolManager pool, ThreadPoolExecutor executor) {
			throw pool.saturated(this);
		}
	},

	/**
	 * Run the task on the submitting thread, which slows submitters down to the pool's
	 * pace (like {@link ThreadPoolExecutor.CallerRunsPolicy}). The task still passed the
	 * task-type check.
	 */
	CALLER_RUNS {
		@Override
		void rejected(TaskFuture<?> task, ThreadPoolManager pool, ThreadPoolExecutor executor) {
			pool.countSaturated();
			task.run();
		}
	},

	/**
	 * Drop the task and cancel its future.
	 */
	DISCARD {
		@Override
		void rejected(TaskFuture<?> task, ThreadPoolManager pool, ThreadPoolExecutor executor) {
			pool.countSaturated();
			task.discard();
		}
	},

	/**
	 * Drop the oldest queued task, cancelling its future, and queue this one. With no
	 * queue ({@code queue-capacity: 0}) there is nothing older to drop, so the task
	 * itself is dropped and its future cancelled.
	 */
	DISCARD_OLDEST {
		@Override
		void rejected(TaskFuture<?> task, ThreadPoolManager pool, ThreadPoolExecutor executor) {
			pool.countSaturated();
			Runnable oldest = executor.getQueue().poll();
			if (oldest == null) {
				task.discard();
				return;
			}
			if (oldest instanceof TaskFuture<?> future) {
				future.discard();
			}
			executor.execute(task);
		}
	};

	abstract void rejected(TaskFuture<?> task, ThreadPoolManager pool, ThreadPoolExecutor executor);

}
