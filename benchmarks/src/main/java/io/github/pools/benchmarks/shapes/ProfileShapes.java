package io.github.pools.benchmarks.shapes;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import io.github.pools.PoolListener;
import io.github.pools.PoolManager;
import io.github.pools.process.ProcessPoolManager;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the shapes once, fresh then warm, and prints the cost of each phase: the
 * program to run under a profiler (for example with
 * {@code -XX:StartFlightRecording=filename=app.jfr} on the application, and the pool's
 * {@code jvm-args} for the workers) to see where the time goes. With the argument
 * {@code fresh} it stops after the first 3,001 tasks; with {@code map} it runs only
 * {@code map}, 30 times or as many as a second argument says. Arguments that start with
 * {@code --} are settings of the application ({@code --pools.process.bench.jvm-args[0]=...}).
 * The first task's line also gives the wall-clock time of its submit and when its worker
 * was ready, to line up with a worker's own log ({@code -Xlog:startuptime,class+load}
 * with the {@code timemillis} decoration).
 */
public final class ProfileShapes {

	private ProfileShapes() {
	}

	public static void main(String[] args) {
		String[] settings = Arrays.stream(args).filter((arg) -> arg.startsWith("--")).toArray(String[]::new);
		args = Arrays.stream(args).filter((arg) -> !arg.startsWith("--")).toArray(String[]::new);
		try (ConfigurableApplicationContext context = BenchApp.start(settings)) {
			ProcessPoolManager pool = BenchApp.pool(context);
			if (args.length > 0 && args[0].equals("map")) {
				for (int i = 0; i < ((args.length > 1) ? Integer.parseInt(args[1]) : 30); i++) {
					int offset = i;
					phase("map", Shapes.MAP_ITEMS, () -> Shapes.map(pool, offset));
				}
				return;
			}
			long[] readyAt = new long[1];
			pool.addListener(new PoolListener() {
				@Override
				public void workerStarted(PoolManager started, int workerId, long pid) {
					if (readyAt[0] == 0) {
						readyAt[0] = System.nanoTime();
					}
				}
			});
			long submitted = System.nanoTime();
			long submittedAt = System.currentTimeMillis();
			phase("first task", 1, () -> Shapes.roundTrips(pool, 1));
			// Wall-clock time too, to line up with what a worker logs (-Xlog's timemillis).
			System.out.printf("  (submitted at %d ms since the epoch; its worker was ready after %.1f ms)%n",
					submittedAt, (readyAt[0] - submitted) / 1e6);
			for (int i = 0; i < 6; i++) {
				phase("next 500 round trips", 500, () -> Shapes.roundTrips(pool, 500));
			}
			if (args.length > 0 && args[0].equals("fresh")) {
				return;
			}
			phase("warm-up round trips", Shapes.WARM_UP_TASKS, () -> Shapes.roundTrips(pool, Shapes.WARM_UP_TASKS));
			phase("steady round trips", 20_000, () -> Shapes.roundTrips(pool, 20_000));
			for (int i = 0; i < 5; i++) {
				phase("submit all", Shapes.SUBMIT_ALL, () -> Shapes.submitAll(pool, Shapes.SUBMIT_ALL));
			}
			for (int i = 0; i < 5; i++) {
				int offset = i;
				phase("map", Shapes.MAP_ITEMS, () -> Shapes.map(pool, offset));
			}
		}
	}

	private static void phase(String name, int tasks, Runnable phase) {
		long start = System.nanoTime();
		phase.run();
		double micros = (System.nanoTime() - start) / (double) TimeUnit.MICROSECONDS.toNanos(1) / tasks;
		System.out.printf("%-20s %8.2f µs per task%n", name, micros);
	}

}
