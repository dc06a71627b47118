package io.github.pools.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.pools.process.ProcessPoolManager;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Resident memory of an idle worker JVM with the default {@code jvm-args}: the
 * {@code rssMegabytes} counter, read from {@code /proc/<pid>/status} (Linux). {@code fresh}
 * measures a worker that has only started; {@code used} one that ran 30,000 no-op tasks
 * and 50 array sorts first, which grows its compiled code and metadata. Each measurement
 * idles the worker for 6 seconds (longer than the native-heap trim interval of the
 * defaults), so the time score means nothing. JMH sums an events counter over the
 * measurement iterations: the summary row of {@code rssMegabytes} is three times the
 * resident size; the lines printed after each iteration give it in megabytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 3)
@Fork(1)
public class WorkerMemoryBenchmark {

	@Param({ "fresh", "used" })
	public String worker;

	/**
	 * {@code defaults}: the pool's default {@code jvm-args}; {@code c1-only}: the same plus
	 * {@code -XX:TieredStopAtLevel=1}, which trades compiled-code speed for footprint;
	 * {@code g1}: the defaults with the G1 collector instead of the serial one.
	 */
	@Param({ "defaults", "c1-only", "g1" })
	public String jvm;

	@Benchmark
	public long idleWorkerRss(Rss rss) throws Exception {
		ProcessPoolManager.Builder builder = ProcessPoolManager.builder("memory").maxSize(1);
		if (this.jvm.equals("c1-only")) {
			List<String> jvmArgs = new ArrayList<>(ProcessPoolManager.Builder.DEFAULT_JVM_ARGS);
			jvmArgs.add("-XX:TieredStopAtLevel=1");
			jvmArgs.add("-XX:TrimNativeHeapInterval=5000");
			builder.jvmArgs(jvmArgs);
		}
		if (this.jvm.equals("g1")) {
			builder.jvmArgs(List.of("-Xmx256m", "-Xms8m", "-XX:+UseG1GC", "-XX:TrimNativeHeapInterval=5000"));
		}
		try (ProcessPoolManager pool = builder.build()) {
			pool.start();
			long pid = pool.submit(null, () -> ProcessHandle.current().pid()).get(60, TimeUnit.SECONDS);
			if (this.worker.equals("used")) {
				use(pool);
			}
			Thread.sleep(6000);
			rss.rssMegabytes = rss(pid);
			return pid;
		}
	}

	private static void use(ProcessPoolManager pool) throws Exception {
		List<CompletableFuture<Integer>> batch = new ArrayList<>();
		for (int round = 0; round < 30; round++) {
			batch.clear();
			for (int i = 0; i < 1000; i++) {
				batch.add(pool.submit(null, () -> 1));
			}
			for (CompletableFuture<Integer> future : batch) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		for (int i = 0; i < 50; i++) {
			long seed = i;
			pool.submit(null, () -> {
				int[] numbers = new Random(seed).ints(200_000).toArray();
				Arrays.sort(numbers);
				return numbers[0];
			}).get(60, TimeUnit.SECONDS);
		}
	}

	private static long rss(long pid) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
			}
		}
		throw new IllegalStateException("no VmRSS for pid " + pid);
	}

	/**
	 * The measured resident set size, reported by JMH next to the time score.
	 */
	@State(Scope.Thread)
	@AuxCounters(AuxCounters.Type.EVENTS)
	public static class Rss {

		public long rssMegabytes;

	}

}
