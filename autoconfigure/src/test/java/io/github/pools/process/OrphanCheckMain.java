package io.github.pools.process;

/**
 * Run as a child JVM by {@link ProcessPoolLifecycleTests}: starts a pool whose one
 * worker runs a long task, prints the worker's pid, and waits to be killed.
 */
public final class OrphanCheckMain {

	private OrphanCheckMain() {
	}

	public static void main(String[] args) throws Exception {
		ProcessPoolManager pool = ProcessPoolManager.builder("orphan-check").maxSize(1).build();
		pool.start();
		pool.submit(null, () -> {
			Thread.sleep(600_000);
			return null;
		});
		while (pool.stats().busyWorkers() == 0) {
			Thread.sleep(10);
		}
		System.out.println("worker " + pool.stats().processes().pids().get(0));
		System.out.flush();
		Thread.sleep(600_000);
	}

}
