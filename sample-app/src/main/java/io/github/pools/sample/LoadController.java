package io.github.pools.sample;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.pools.PoolManager;
import io.github.pools.PoolRegistry;
import io.github.pools.RejectionReason;
import io.github.pools.RemotePoolManager;
import io.github.pools.TaskRejectedException;
import io.github.pools.thread.ThreadPoolManager;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A load generator, so that the numbers on the live page and in the metrics move:
 * {@code POST /load?pool=io&tasks=200&millis=50} submits 200 tasks that each sleep 50 ms
 * to the {@code io} pool and answers at once with what the pool accepted and refused.
 * The tasks carry the pool's own task type unless {@code type} names another, which
 * shows the task-type protection: every task is refused. For a process pool the tasks
 * sleep in its worker JVMs, for a cluster pool on the members of its cluster.
 */
@RestController
class LoadController {

	static final int MAX_TASKS = 5000;

	static final long MAX_MILLIS = 5000;

	private final PoolRegistry pools;

	LoadController(PoolRegistry pools) {
		this.pools = pools;
	}

	@PostMapping("/load")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Map<String, Object> load(@RequestParam String pool, @RequestParam(defaultValue = "200") int tasks,
			@RequestParam(defaultValue = "50") long millis, @RequestParam(required = false) @Nullable String type) {
		if (tasks < 1 || tasks > MAX_TASKS || millis < 0 || millis > MAX_MILLIS) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"tasks must be 1.." + MAX_TASKS + " and millis 0.." + MAX_MILLIS);
		}
		PoolManager target = this.pools.find(pool)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
					"No pool named '" + pool + "'; pools: " + this.pools.names()));
		String taskType = (type != null) ? type : target.taskType();
		Map<String, Long> rejected = new LinkedHashMap<>();
		int accepted = 0;
		for (int i = 0; i < tasks; i++) {
			try {
				submitSleep(target, taskType, millis);
				accepted++;
			}
			catch (TaskRejectedException ex) {
				rejected.merge(key(ex.getReason()), 1L, Long::sum);
			}
		}
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("kind", target.kind().name().toLowerCase(java.util.Locale.ROOT));
		result.put("pool", pool);
		result.put("taskType", taskType);
		result.put("requested", tasks);
		result.put("accepted", accepted);
		result.put("rejected", rejected);
		return result;
	}

	/**
	 * The JSON key of a rejection reason, in camel case like every key of the
	 * {@code pools} endpoint: {@code taskType}, {@code saturated}, ...
	 */
	private static String key(RejectionReason reason) {
		String[] words = reason.tagValue().split("-");
		StringBuilder key = new StringBuilder(words[0]);
		for (int i = 1; i < words.length; i++) {
			key.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
		}
		return key.toString();
	}

	private static void submitSleep(PoolManager pool, @Nullable String taskType, long millis) {
		if (pool instanceof RemotePoolManager remote) {
			// Serialized to a worker JVM or a cluster member: a lambda that captures only a long.
			remote.submit(taskType, () -> {
				Thread.sleep(millis);
				return null;
			});
		}
		else {
			((ThreadPoolManager) pool).submit(taskType, () -> {
				Thread.sleep(millis);
				return null;
			});
		}
	}

}
