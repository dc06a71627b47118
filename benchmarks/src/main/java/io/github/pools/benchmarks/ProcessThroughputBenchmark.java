package io.github.pools.benchmarks;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.pools.SerializableCallable;
import io.github.pools.process.ProcessPoolManager;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Unchunked throughput of a process pool with two warm worker JVMs: batches of 1,000
 * no-op tasks, each its own task over the pipe, submitted and then waited for.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 2, jvmArgsAppend = { "-Xms512m", "-Xmx512m" })
public class ProcessThroughputBenchmark {

	private static final int BATCH = 1000;

	private static final SerializableCallable<Object> NO_OP = () -> null;

	private ProcessPoolManager pool;

	private final CompletableFuture<?>[] futures = new CompletableFuture<?>[BATCH];

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		this.pool = ProcessPoolManager.builder("throughput").maxSize(2).queueCapacity(10_000).build();
		this.pool.start();
		this.pool.prestart(2);
		this.pool.submit(null, NO_OP).get(60, TimeUnit.SECONDS);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.pool.close();
	}

	@Benchmark
	@OperationsPerInvocation(BATCH)
	public int submitThenWait() throws Exception {
		CompletableFuture<?>[] futures = this.futures;
		for (int i = 0; i < BATCH; i++) {
			futures[i] = this.pool.submit(null, NO_OP);
		}
		int done = 0;
		for (int i = 0; i < BATCH; i++) {
			futures[i].get();
			done++;
		}
		return done;
	}

}
