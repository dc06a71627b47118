package io.github.pools.benchmarks.shapes;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The first tasks of a pool the application has just started, in a JVM that has just
 * started: what a user sees after a deployment. Each fork starts the Boot application
 * (whose pool starts its workers on demand, as Python's {@code ProcessPoolExecutor}
 * does), runs one shape once and stops. Score: milliseconds for the whole shape, from
 * the first submit to the last result, worker start included; divide by the task count
 * ({@link Shapes#FRESH_TASKS}, or {@link Shapes#MAP_ITEMS} for {@code map}) for a cost
 * per task.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(5)
public class FreshPoolBenchmark {

	@Param({ "roundTrips", "submitAll", "map" })
	public String shape;

	private ConfigurableApplicationContext context;

	@Setup(Level.Iteration)
	public void startApplication() {
		this.context = BenchApp.start();
	}

	@TearDown(Level.Iteration)
	public void stopApplication() {
		this.context.close();
	}

	@Benchmark
	public long firstTasks() {
		var pool = BenchApp.pool(this.context);
		return switch (this.shape) {
			case "roundTrips" -> Shapes.roundTrips(pool, Shapes.FRESH_TASKS);
			case "submitAll" -> Shapes.submitAll(pool, Shapes.FRESH_TASKS);
			case "map" -> Shapes.map(pool, 1);
			default -> throw new IllegalArgumentException(this.shape);
		};
	}

}
