package io.github.pools.benchmarks.shapes;

import java.util.concurrent.TimeUnit;

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
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The same shapes as {@link FreshPoolBenchmark} on a pool that has run
 * {@link Shapes#WARM_UP_TASKS} tasks. Score: microseconds per task, or per item for
 * {@code map}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class SteadyPoolBenchmark {

	private ConfigurableApplicationContext context;

	private ProcessPoolManager pool;

	private int offset;

	@Setup(Level.Trial)
	public void startApplication() {
		this.context = BenchApp.start();
		this.pool = BenchApp.pool(this.context);
		Shapes.roundTrips(this.pool, Shapes.WARM_UP_TASKS);
	}

	@TearDown(Level.Trial)
	public void stopApplication() {
		this.context.close();
	}

	@Benchmark
	public long roundTrip() {
		return Shapes.roundTrips(this.pool, 1);
	}

	@Benchmark
	@OperationsPerInvocation(Shapes.SUBMIT_ALL)
	public long submitAll() {
		return Shapes.submitAll(this.pool, Shapes.SUBMIT_ALL);
	}

	@Benchmark
	@OperationsPerInvocation(Shapes.MAP_ITEMS)
	public long map() {
		return Shapes.map(this.pool, ++this.offset);
	}

}
