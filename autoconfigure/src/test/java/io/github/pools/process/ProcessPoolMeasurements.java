package io.github.pools.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.pools.PoolListener;
import io.github.pools.PoolManager;
import io.github.pools.SerializableCallable;
import org.jspecify.annotations.Nullable;

/**
 * A manual tool, not a test: measures a process pool's round trip, throughput, worker
 * ready time and idle worker memory on this machine. Timings belong in benchmarks, not
 * in tests; run it by hand with the test class path:
 * {@code java -cp ... io.github.pools.process.ProcessPoolMeasurements [jvm-args...]}.
 */
public final class ProcessPoolMeasurements {

	private static final SerializableCallable<Object> NO_OP = () -> null;

	private ProcessPoolMeasurements() {
	}

	public static void main(String[] args) throws Exception {
		String mode = System.getProperty("mode", "all");
		List<String> jvmArgs = (args.length > 0) ? Arrays.asList(args) : null;
		System.out.println("jvm-args " + ((jvmArgs != null) ? jvmArgs : "(defaults)"));
		if (mode.equals("all") || mode.equals("ready")) {
			readyTime(jvmArgs);
		}
		if (mode.equals("all") || mode.equals("rtt")) {
			roundTrip(jvmArgs);
		}
		if (mode.equals("all") || mode.equals("throughput")) {
			throughput(jvmArgs);
		}
	}

	private static void readyTime(@Nullable List<String> jvmArgs) throws Exception {
		List<Long> millis = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			try (ProcessPoolManager pool = builder("ready", jvmArgs).maxSize(1).build()) {
				CountDownLatch started = new CountDownLatch(1);
				pool.addListener(new PoolListener() {
					@Override
					public void workerStarted(PoolManager p, int workerId, long pid) {
						started.countDown();
					}
				});
				pool.start();
				long t0 = System.nanoTime();
				pool.prestart(1);
				started.await(30, TimeUnit.SECONDS);
				millis.add((System.nanoTime() - t0) / 1_000_000);
			}
		}
		millis.sort(null);
		System.out.println("ready ms (sorted) " + millis + " median " + millis.get(millis.size() / 2));
	}

	private static void roundTrip(@Nullable List<String> jvmArgs) throws Exception {
		try (ProcessPoolManager pool = builder("rtt", jvmArgs).maxSize(1).build()) {
			pool.start();
			for (int i = 0; i < 30_000; i++) {
				pool.submit(null, NO_OP).get(10, TimeUnit.SECONDS);
			}
			int n = 20_000;
			long[] nanos = new long[n];
			for (int i = 0; i < n; i++) {
				long t0 = System.nanoTime();
				pool.submit(null, NO_OP).get(10, TimeUnit.SECONDS);
				nanos[i] = System.nanoTime() - t0;
			}
			Arrays.sort(nanos);
			System.out.printf("round trip us: median %.1f p90 %.1f p99 %.1f%n", nanos[n / 2] / 1000.0,
					nanos[n * 9 / 10] / 1000.0, nanos[n * 99 / 100] / 1000.0);
			// longer than the native heap trim interval of the default jvm-args
			Thread.sleep(7000);
			for (long pid : pool.stats().processes().pids()) {
				System.out.println("idle worker after use " + rss(pid));
			}
		}
		try (ProcessPoolManager pool = builder("fresh", jvmArgs).maxSize(1).build()) {
			pool.start();
			pool.submit(null, NO_OP).get(10, TimeUnit.SECONDS);
			Thread.sleep(2000);
			for (long pid : pool.stats().processes().pids()) {
				System.out.println("idle worker after one task " + rss(pid));
			}
		}
	}

	private static void throughput(@Nullable List<String> jvmArgs) throws Exception {
		try (ProcessPoolManager pool = builder("tput", jvmArgs)
			.maxSize(2)
			.queueCapacity(10_000)
			.build()) {
			pool.start();
			pool.prestart(2);
			for (int round = 0; round < 6; round++) {
				int batches = 50;
				int batch = 1000;
				long t0 = System.nanoTime();
				for (int b = 0; b < batches; b++) {
					CompletableFuture<?>[] futures = new CompletableFuture<?>[batch];
					for (int i = 0; i < batch; i++) {
						futures[i] = pool.submit(null, NO_OP);
					}
					CompletableFuture.allOf(futures).get(60, TimeUnit.SECONDS);
				}
				double seconds = (System.nanoTime() - t0) / 1e9;
				System.out.printf("throughput round %d: %.0f tasks/s%n", round, batches * batch / seconds);
			}
			System.out.println(pool.stats());
		}
	}

	private static ProcessPoolManager.Builder builder(String name, @Nullable List<String> jvmArgs) {
		ProcessPoolManager.Builder builder = ProcessPoolManager.builder(name);
		return (jvmArgs != null) ? builder.jvmArgs(jvmArgs) : builder;
	}

	private static String rss(long pid) throws Exception {
		StringBuilder text = new StringBuilder("pid " + pid);
		for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
			if (line.startsWith("VmRSS")) {
				text.append(' ').append(line.replaceAll("\\s+", " "));
			}
		}
		for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
			if (line.startsWith("Pss:")) {
				text.append(", ").append(line.replaceAll("\\s+", " "));
			}
		}
		return text.toString();
	}


}
