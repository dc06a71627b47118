package io.github.pools.benchmarks;

import java.util.concurrent.TimeUnit;

import io.github.pools.SerializableCallable;
import io.github.pools.process.ProcessPoolManager;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sequential round trip of a no-op task through a process pool of one warm worker JVM:
 * serialize, send over the pipe, deserialize and run in the worker, send the result
 * back, complete the future. Read the p0.50 line of the sample-time distribution.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 2, jvmArgsAppend = { "-Xms256m", "-Xmx256m" })
public class ProcessRoundTripBenchmark {

	private static final SerializableCallable<Object> NO_OP = () -> null;

	private ProcessPoolManager pool;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		this.pool = ProcessPoolManager.builder("round-trip").maxSize(1).build();
		this.pool.start();
		this.pool.submit(null, NO_OP).get(60, TimeUnit.SECONDS);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.pool.close();
	}

	@Benchmark
	public Object roundTrip() throws Exception {
		return this.pool.submit(null, NO_OP).get();
	}

}
