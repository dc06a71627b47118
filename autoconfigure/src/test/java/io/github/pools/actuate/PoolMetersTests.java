package io.github.pools.actuate;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.pools.PendingTask;
import io.github.pools.PoolCounters;
import io.github.pools.PoolKind;
import io.github.pools.PoolListener;
import io.github.pools.PoolManager;
import io.github.pools.PoolState;
import io.github.pools.PoolStats;
import io.github.pools.TaskTimer;
import io.github.pools.process.ProcessPoolManager;
import io.github.pools.thread.ThreadPoolManager;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PoolMeters}: a scrape reads the pools' counters, never a snapshot.
 */
class PoolMetersTests {

	@Test
	void scrapingAThreadPoolsMetersTakesNoSnapshot() throws Exception {
		try (ThreadPoolManager pool = ThreadPoolManager.builder("io").coreSize(1).maxSize(2).queueCapacity(5).build()) {
			pool.start();
			pool.submit(null, () -> 1).get(10, TimeUnit.SECONDS);
			StatsCounting counted = new StatsCounting(pool);
			MeterRegistry registry = new SimpleMeterRegistry();
			PoolMeters meters = PoolMeters.bind(counted, registry, false);
			scrape(registry);
			assertThat(counted.snapshots).hasValue(0);
			assertThat(value(registry, "executor.pool.core")).isEqualTo(1);
			assertThat(value(registry, "executor.pool.max")).isEqualTo(2);
			assertThat(value(registry, "executor.queue.remaining")).isEqualTo(5);
			meters.unbind();
		}
	}

	@Test
	void scrapingAProcessPoolsMetersTakesNoSnapshot() {
		try (ProcessPoolManager pool = ProcessPoolManager.builder("render").coreSize(0).maxSize(3).build()) {
			StatsCounting counted = new StatsCounting(pool);
			MeterRegistry registry = new SimpleMeterRegistry();
			PoolMeters meters = PoolMeters.bind(counted, registry, false);
			assertThat(registry.find("pools.workers.exited").meters()).isNotEmpty();
			scrape(registry);
			assertThat(counted.snapshots).hasValue(0);
			assertThat(value(registry, "executor.pool.max")).isEqualTo(3);
			meters.unbind();
		}
	}

	private static void scrape(MeterRegistry registry) {
		assertThat(registry.getMeters()).hasSizeGreaterThan(10);
		for (Meter meter : registry.getMeters()) {
			for (Measurement measurement : meter.measure()) {
				assertThat(measurement.getValue()).isNotNaN();
			}
		}
	}

	private static double value(MeterRegistry registry, String name) {
		return registry.get(name).gauge().value();
	}

	/** A pool that counts its snapshots and passes everything else on. */
	private static final class StatsCounting implements PoolManager {

		private final PoolManager pool;

		final AtomicInteger snapshots = new AtomicInteger();

		StatsCounting(PoolManager pool) {
			this.pool = pool;
		}

		@Override
		public PoolStats stats() {
			this.snapshots.incrementAndGet();
			return this.pool.stats();
		}

		@Override
		public PoolCounters counters() {
			return this.pool.counters();
		}

		@Override
		public String name() {
			return this.pool.name();
		}

		@Override
		public PoolKind kind() {
			return this.pool.kind();
		}

		@Override
		public @Nullable String taskType() {
			return this.pool.taskType();
		}

		@Override
		public void start() {
			this.pool.start();
		}

		@Override
		public PoolState state() {
			return this.pool.state();
		}

		@Override
		public void check() {
			this.pool.check();
		}

		@Override
		public void stop() {
			this.pool.stop();
		}

		@Override
		public List<PendingTask> stopNow() {
			return this.pool.stopNow();
		}

		@Override
		public boolean awaitTermination(Duration timeout) throws InterruptedException {
			return this.pool.awaitTermination(timeout);
		}

		@Override
		public void close() {
			this.pool.close();
		}

		@Override
		public int prestart(int count) {
			return this.pool.prestart(count);
		}

		@Override
		public void resize(int coreSize, int maxSize) {
			this.pool.resize(coreSize, maxSize);
		}

		@Override
		public void addListener(PoolListener listener) {
			this.pool.addListener(listener);
		}

		@Override
		public void removeListener(PoolListener listener) {
			this.pool.removeListener(listener);
		}

		@Override
		public void addTaskTimer(TaskTimer timer) {
			this.pool.addTaskTimer(timer);
		}

		@Override
		public void removeTaskTimer(TaskTimer timer) {
			this.pool.removeTaskTimer(timer);
		}

	}

}
