package io.github.pools.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.github.pools.BatchOptions;
import io.github.pools.process.ProcessPoolManager;
import io.github.pools.thread.ThreadPoolManager;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code map} over 1,000,000 no-op items in chunks of 1,000 (multiprocessing's
 * {@code map(f, items, chunksize=1000)}), on a process pool of two worker JVMs and on a
 * thread pool of two threads. Score: items per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 2, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class MapBenchmark {

	private static final int ITEMS = 1_000_000;

	@Param({ "process", "thread" })
	public String kind;

	@Param({ "1000" })
	public int chunkSize;

	private List<Integer> items;

	private ProcessPoolManager processes;

	private ThreadPoolManager threads;

	@Setup(Level.Trial)
	public void setUp() {
		this.items = IntStream.range(0, ITEMS).boxed().toList();
		if (this.kind.equals("process")) {
			this.processes = ProcessPoolManager.builder("map").maxSize(2).build();
			this.processes.start();
			this.processes.map(null, (Integer i) -> i, List.of(1, 2, 3));
		}
		else {
			this.threads = ThreadPoolManager.builder("map").maxSize(2).build();
			this.threads.start();
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		if (this.processes != null) {
			this.processes.close();
		}
		if (this.threads != null) {
			this.threads.close();
		}
	}

	@Benchmark
	@OperationsPerInvocation(ITEMS)
	public int map() {
		BatchOptions options = BatchOptions.chunkSize(this.chunkSize);
		List<Integer> results = (this.processes != null) ? this.processes.map(null, (Integer i) -> i, this.items, options)
				: this.threads.map(null, (Integer i) -> i, this.items, options);
		return results.size();
	}

}
