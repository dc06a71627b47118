package io.github.pools.sample;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.github.pools.cluster.ClusterPoolManager;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.server.ResponseStatusException;

/**
 * The {@code grid} cluster pool: {@code GET /grid?tasks=8} counts the primes below two
 * million in {@code tasks} slices, each slice a task that runs on some member of the
 * cluster, and answers with where each slice ran. Start a second sample app on this
 * machine and the slices spread over both.
 */
@RestController
class GridController {

	static final int MAX_TASKS = 64;

	static final int LIMIT = 2_000_000;

	private final ClusterPoolManager grid;

	GridController(@Qualifier("grid") ClusterPoolManager grid) {
		this.grid = grid;
	}

	@GetMapping("/grid")
	DeferredResult<List<Slice>> grid(@RequestParam(defaultValue = "8") int tasks) {
		if (tasks < 1 || tasks > MAX_TASKS) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "tasks must be 1.." + MAX_TASKS);
		}
		int step = LIMIT / tasks;
		List<CompletableFuture<Slice>> slices = new ArrayList<>();
		for (int i = 0; i < tasks; i++) {
			int from = i * step;
			int to = (i == tasks - 1) ? LIMIT : from + step;
			slices.add(this.grid.submit("grid", () -> Slice.count(from, to)));
		}
		CompletableFuture<List<Slice>> all = CompletableFuture.allOf(slices.toArray(CompletableFuture[]::new))
			.thenApply((done) -> slices.stream().map(CompletableFuture::join).toList());
		// cancelling the answer's source cancels every slice still out on the cluster
		CompletableFuture<Void> source = new CompletableFuture<>();
		source.whenComplete((done, failure) -> slices.forEach((slice) -> slice.cancel(true)));
		return DeferredTasks.of(all, source);
	}

	/**
	 * One slice of the count, as the member that ran it reports it.
	 *
	 * @param from the first number of the slice
	 * @param to the number after the last
	 * @param primes the primes in the slice
	 * @param member the member that ran it, {@code host:port}
	 * @param pid the process id of that member's JVM
	 * @param millis how long the count took there
	 */
	record Slice(int from, int to, int primes, String member, long pid, long millis) implements Serializable {

		static Slice count(int from, int to) {
			long start = System.nanoTime();
			int primes = 0;
			for (int n = Math.max(2, from); n < to; n++) {
				if (isPrime(n)) {
					primes++;
				}
			}
			return new Slice(from, to, primes, localMember(), ProcessHandle.current().pid(),
					(System.nanoTime() - start) / 1_000_000);
		}

		private static boolean isPrime(int n) {
			for (int d = 2; (long) d * d <= n; d++) {
				if (n % d == 0) {
					return false;
				}
			}
			return true;
		}

		private static String localMember() {
			for (HazelcastInstance instance : Hazelcast.getAllHazelcastInstances()) {
				return instance.getCluster().getLocalMember().getAddress().toString();
			}
			return "unknown";
		}

	}

}
