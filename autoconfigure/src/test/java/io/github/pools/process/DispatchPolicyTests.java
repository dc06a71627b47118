package io.github.pools.process;

import io.github.pools.PoolState;
import io.github.pools.WorkerExitReason;
import io.github.pools.process.DispatchPolicy.AfterAnswer;
import io.github.pools.process.DispatchPolicy.OnReady;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The process pool's dispatch decisions, without a pool.
 */
class DispatchPolicyTests {

	private final DispatchPolicy recycleAfterThree = new DispatchPolicy(3, false);

	private final DispatchPolicy prestarting = new DispatchPolicy(0, true);

	@Test
	void workerThatRanItsMaximumIsRecycledBeforeAnythingElse() {
		assertThat(this.recycleAfterThree.afterAnswer(3, 1, 1, true, PoolState.RUNNING)).isEqualTo(AfterAnswer.RECYCLE);
		assertThat(this.recycleAfterThree.afterAnswer(2, 1, 1, true, PoolState.RUNNING))
			.isEqualTo(AfterAnswer.NEXT_TASK);
		assertThat(this.prestarting.afterAnswer(1_000_000, 1, 1, false, PoolState.RUNNING))
			.isEqualTo(AfterAnswer.IDLE);
	}

	@Test
	void workerAboveAShrunkMaximumRetiresEvenWithTasksWaiting() {
		assertThat(this.prestarting.afterAnswer(1, 3, 2, true, PoolState.RUNNING))
			.isEqualTo(AfterAnswer.RETIRE_EXCESS);
	}

	@Test
	void stoppingPoolRunsWhatItAcceptedThenRetiresItsWorkers() {
		assertThat(this.prestarting.afterAnswer(1, 1, 1, true, PoolState.STOPPING)).isEqualTo(AfterAnswer.NEXT_TASK);
		assertThat(this.prestarting.afterAnswer(1, 1, 1, false, PoolState.STOPPING)).isEqualTo(AfterAnswer.RETIRE);
		assertThat(this.prestarting.onReady(true, PoolState.STOPPING)).isEqualTo(OnReady.TAKE_TASK);
		assertThat(this.prestarting.onReady(false, PoolState.STOPPING)).isEqualTo(OnReady.RETIRE);
		assertThat(this.prestarting.onReady(false, PoolState.RUNNING)).isEqualTo(OnReady.IDLE);
		assertThat(this.prestarting.onReady(true, PoolState.BROKEN)).isEqualTo(OnReady.RETIRE);
	}

	@Test
	void workerStartsOnlyForTasksNoStartingWorkerWillTake() {
		assertThat(this.prestarting.launchForQueue(PoolState.RUNNING, 2, 1, 0, 4)).isTrue();
		assertThat(this.prestarting.launchForQueue(PoolState.RUNNING, 1, 1, 0, 4)).isFalse();
		assertThat(this.prestarting.launchForQueue(PoolState.RUNNING, 5, 1, 3, 4)).isFalse(); // at the maximum
		assertThat(this.prestarting.launchForQueue(PoolState.STOPPING, 1, 0, 0, 4)).isTrue();
		assertThat(this.prestarting.launchForQueue(PoolState.STOPPING, 0, 0, 0, 4)).isFalse();
		assertThat(this.prestarting.launchForQueue(PoolState.BROKEN, 1, 0, 0, 4)).isFalse();
	}

	@Test
	void coreSizeIsKeptStartedWithoutTasksOnlyWhenAsked() {
		assertThat(this.prestarting.launchForQueue(PoolState.RUNNING, 0, 0, 1, 4)).isFalse();
		assertThat(this.prestarting.launchForQueueOrCore(PoolState.RUNNING, 0, 0, 1, 2, 4)).isTrue();
		assertThat(this.prestarting.launchForQueueOrCore(PoolState.RUNNING, 0, 1, 1, 2, 4)).isFalse();
		assertThat(this.prestarting.launchForQueueOrCore(PoolState.STOPPING, 0, 0, 0, 2, 4)).isFalse();
	}

	@Test
	void onlyAbnormalEndsOfWorkersThatWereNeededAreReplacedAtOnce() {
		DispatchPolicy onDemand = new DispatchPolicy(0, false);
		assertThat(onDemand.replaceAtOnce(WorkerExitReason.CRASH, true)).isTrue();
		assertThat(onDemand.replaceAtOnce(WorkerExitReason.CRASH, false)).isFalse();
		assertThat(this.prestarting.replaceAtOnce(WorkerExitReason.CRASH, false)).isTrue();
		assertThat(this.prestarting.replaceAtOnce(WorkerExitReason.IDLE, true)).isFalse();
		assertThat(DispatchPolicy.abnormal(WorkerExitReason.TIMEOUT)).isTrue();
		assertThat(DispatchPolicy.abnormal(WorkerExitReason.RECYCLED)).isFalse();
	}

}
