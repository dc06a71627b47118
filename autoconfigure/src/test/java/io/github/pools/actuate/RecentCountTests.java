package io.github.pools.actuate;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RecentCount}, on a test clock.
 */
class RecentCountTests {

	private final AtomicLong clock = new AtomicLong(-5_000_000_000L);

	private final RecentCount count = new RecentCount(Duration.ofMinutes(1), this.clock::get);

	@Test
	void newCountIsZero() {
		assertThat(this.count.count()).isZero();
	}

	@Test
	void readingDoesNotChangeTheCount() {
		record(3);
		assertThat(this.count.count()).isEqualTo(3);
		assertThat(this.count.count()).isEqualTo(3);
	}

	@Test
	void occurrencesLeaveTheCountOnceOlderThanTheWindow() {
		record(2);
		advance(Duration.ofSeconds(30));
		record(1);
		advance(Duration.ofSeconds(29));
		assertThat(this.count.count()).isEqualTo(3);
		advance(Duration.ofSeconds(2));
		assertThat(this.count.count()).isEqualTo(1);
		advance(Duration.ofSeconds(30));
		assertThat(this.count.count()).isZero();
	}

	@Test
	void slotsAreReusedAfterAWholeWindow() {
		record(5);
		advance(Duration.ofMinutes(1));
		record(1);
		assertThat(this.count.count()).isEqualTo(1);
		advance(Duration.ofMinutes(10));
		record(2);
		assertThat(this.count.count()).isEqualTo(2);
	}

	private void record(int times) {
		for (int i = 0; i < times; i++) {
			this.count.record();
		}
	}

	private void advance(Duration duration) {
		this.clock.addAndGet(duration.toNanos());
	}

}
