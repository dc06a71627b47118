package io.github.pools.process;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run as a child JVM by {@link ProcessPoolLifecycleTests}: starts a pool, gives it a
 * task that writes a file after a pause, prints the worker's pid and returns from main
 * without closing the pool. Arguments: whether the pool is a daemon pool, the file, and
 * optionally whether it registers a shutdown hook.
 */
public final class UnclosedPoolMain {

	private UnclosedPoolMain() {
	}

	public static void main(String[] args) throws Exception {
		boolean daemon = Boolean.parseBoolean(args[0]);
		String file = args[1];
		ProcessPoolManager.Builder builder = ProcessPoolManager.builder("unclosed").maxSize(1).daemon(daemon);
		if (args.length > 2) {
			builder.shutdownHook(Boolean.parseBoolean(args[2]));
		}
		ProcessPoolManager pool = builder.build();
		pool.start();
		pool.submit(null, () -> {
			Thread.sleep(500);
			Files.writeString(Path.of(file), "written");
			return null;
		});
		while (pool.stats().busyWorkers() == 0) {
			Thread.sleep(10);
		}
		System.out.println("worker " + pool.stats().processes().pids().get(0));
		System.out.flush();
	}

}
