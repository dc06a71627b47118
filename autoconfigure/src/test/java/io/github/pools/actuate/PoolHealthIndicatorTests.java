package io.github.pools.actuate;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.pools.TaskRejectedException;
import io.github.pools.thread.ThreadPoolManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link PoolHealthIndicator}, on a test clock: health is the same for every
 * reader, and saturation is reported over a window of time, not since the previous read.
 */
class PoolHealthIndicatorTests {

	private final AtomicLong clock = new AtomicLong();

	private final ThreadPoolManager pool = ThreadPoolManager.builder("io").maxSize(1).queueCapacity(0).build();

	@AfterEach
	void closePool() {
		this.pool.close();
	}

	@Test
	void twoReadersSeeTheSameSaturationUntilItIsOlderThanTheWindow() throws Exception {
		this.pool.start();
		PoolHealthIndicator indicator = new PoolHealthIndicator(this.pool, () -> true, this.clock::get);
		CountDownLatch release = new CountDownLatch(1);
		this.pool.submit(null, () -> release.await(10, TimeUnit.SECONDS));
		await().until(() -> this.pool.stats().busyWorkers() == 1);
		assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> this.pool.submit(null, () -> 1));
		assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> this.pool.submit(null, () -> 1));
		release.countDown();
		await().until(() -> this.pool.stats().busyWorkers() == 0);

		Map<String, Object> kubernetes = indicator.health().getDetails();
		Map<String, Object> livePage = indicator.health().getDetails();
		assertThat(kubernetes).containsEntry("saturated", true).containsEntry("saturatedRejections", 2L);
		assertThat(livePage).isEqualTo(kubernetes);

		this.clock.addAndGet(PoolHealthIndicator.SATURATION_WINDOW.plus(Duration.ofSeconds(1)).toNanos());
		Health later = indicator.health();
		assertThat(later.getDetails()).containsEntry("saturated", false).containsEntry("saturatedRejections", 0L);
	}

	@Test
	void detachedIndicatorNoLongerCountsRefusals() throws Exception {
		this.pool.start();
		PoolHealthIndicator indicator = new PoolHealthIndicator(this.pool, () -> true, this.clock::get);
		indicator.detach();
		CountDownLatch release = new CountDownLatch(1);
		this.pool.submit(null, () -> release.await(10, TimeUnit.SECONDS));
		await().until(() -> this.pool.stats().busyWorkers() == 1);
		assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> this.pool.submit(null, () -> 1));
		release.countDown();
		await().until(() -> this.pool.stats().busyWorkers() == 0);
		assertThat(indicator.health().getDetails()).containsEntry("saturatedRejections", 0L);
	}

}
