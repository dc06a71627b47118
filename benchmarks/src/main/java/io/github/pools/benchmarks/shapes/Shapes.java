package io.github.pools.benchmarks.shapes;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import io.github.pools.BatchOptions;
import io.github.pools.process.ProcessPoolManager;

/**
 * The work users submit to a process pool, written as a user writes it: tasks that
 * capture an argument and return a result, and {@code map} with a capturing function
 * over boxed items. Each shape checks its results, so nothing is optimised away and a
 * wrong answer fails the run.
 */
final class Shapes {

	/** Tasks a fresh-pool measurement runs. */
	static final int FRESH_TASKS = 3_000;

	/** Tasks run before a steady-state measurement. */
	static final int WARM_UP_TASKS = 50_000;

	/** Tasks submitted at once by {@link #submitAll}. */
	static final int SUBMIT_ALL = 20_000;

	/** Items of one {@link #map} call. */
	static final int MAP_ITEMS = 100_000;

	static final int CHUNK_SIZE = 1_000;

	private static final List<Integer> ITEMS = IntStream.range(0, MAP_ITEMS).boxed().toList();

	private Shapes() {
	}

	/** One task at a time, each waited for: {@code pool.submit("bench", () -> x).join()}. */
	static long roundTrips(ProcessPoolManager pool, int count) {
		long sum = 0;
		for (int i = 0; i < count; i++) {
			int x = i;
			sum += check(pool.submit(BenchApp.POOL, () -> x).join(), x);
		}
		return sum;
	}

	/** Submit every task, then wait for all: unchunked, as {@code executor.submit} in a loop. */
	static long submitAll(ProcessPoolManager pool, int count) {
		List<CompletableFuture<Integer>> futures = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			int x = i;
			futures.add(pool.submit(BenchApp.POOL, () -> x));
		}
		long sum = 0;
		for (int i = 0; i < count; i++) {
			sum += check(futures.get(i).join(), i);
		}
		return sum;
	}

	/** {@code map} of a capturing function over boxed items in chunks of 1,000. */
	static long map(ProcessPoolManager pool, int offset) {
		List<Integer> results = pool.map(BenchApp.POOL, (Integer v) -> v + offset, ITEMS,
				BatchOptions.chunkSize(CHUNK_SIZE));
		long sum = 0;
		for (int i = 0; i < MAP_ITEMS; i++) {
			sum += check(results.get(i), i + offset);
		}
		return sum;
	}

	private static int check(int actual, int expected) {
		if (actual != expected) {
			throw new IllegalStateException("Expected " + expected + " but the pool answered " + actual);
		}
		return actual;
	}

}
