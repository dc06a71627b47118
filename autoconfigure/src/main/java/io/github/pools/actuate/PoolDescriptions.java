package io.github.pools.actuate;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.github.pools.PoolState;
import io.github.pools.PoolStats;
import io.github.pools.RejectionReason;
import io.github.pools.WorkerExitReason;

/**
 * How the endpoint and the health indicator put a pool into words, so that both say the
 * same thing.
 */
final class PoolDescriptions {

	/** The pool accepts and runs tasks. */
	static final String RUNNING = "running";

	/** The pool accepts no tasks: not started yet, stopping or stopped. */
	static final String STOPPED = "stopped";

	/** The pool's workers cannot start; it refuses every task. */
	static final String BROKEN = "broken";

	private PoolDescriptions() {
	}

	/**
	 * Return the coarse state dashboards and alerts key on: {@code running} for
	 * {@link PoolState#RUNNING}; {@code stopped} for {@link PoolState#NEW},
	 * {@link PoolState#STOPPING} and {@link PoolState#TERMINATED}, none of which accept
	 * tasks; {@code broken} for {@link PoolState#BROKEN}.
	 * @param state the pool's state
	 * @return the coarse state
	 */
	static String state(PoolState state) {
		return switch (state) {
			case RUNNING -> RUNNING;
			case BROKEN -> BROKEN;
			case NEW, STOPPING, TERMINATED -> STOPPED;
		};
	}

	/**
	 * Return the exact life-cycle state in lowercase, for example {@code stopping}.
	 * @param state the pool's state
	 * @return the life-cycle state
	 */
	static String lifecycle(PoolState state) {
		return state.name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Return whether the pool is saturated right now: every worker it may run is busy
	 * and its queue has no room, so the next task is refused (or handled by the pool's
	 * rejection policy).
	 * @param stats the pool's statistics
	 * @return {@code true} if saturated
	 */
	static boolean saturated(PoolStats stats) {
		return stats.busyWorkers() >= stats.maxSize() && stats.queueRemaining() == 0;
	}

	/**
	 * Return the rejection counts keyed by reason in camel case, in declaration order.
	 * @param stats the pool's statistics
	 * @return every reason with its count, for example {@code taskType}
	 */
	static Map<String, Long> rejected(PoolStats stats) {
		Map<String, Long> rejected = new LinkedHashMap<>();
		for (RejectionReason reason : RejectionReason.values()) {
			rejected.put(key(reason), stats.rejected().getOrDefault(reason, 0L));
		}
		return rejected;
	}

	/**
	 * Return worker exit counts keyed by reason in camel case, in declaration order.
	 * @param exits the exit counts by reason
	 * @return every reason with its count, for example {@code protocolError}
	 */
	static Map<String, Long> exits(Map<WorkerExitReason, Long> exits) {
		Map<String, Long> byReason = new LinkedHashMap<>();
		for (WorkerExitReason reason : WorkerExitReason.values()) {
			byReason.put(key(reason), exits.getOrDefault(reason, 0L));
		}
		return byReason;
	}

	/**
	 * Return the JSON key of an enum constant: its name in camel case, like every other
	 * key of the endpoint and health JSON (meter tags keep the hyphenated tag values).
	 * @param constant the constant, for example {@code TASK_TYPE}
	 * @return the key, for example {@code taskType}
	 */
	static String key(Enum<?> constant) {
		String[] words = constant.name().toLowerCase(Locale.ROOT).split("_");
		StringBuilder key = new StringBuilder(words[0]);
		for (int i = 1; i < words.length; i++) {
			key.append(Character.toUpperCase(words[i].charAt(0))).append(words[i], 1, words[i].length());
		}
		return key.toString();
	}

}
