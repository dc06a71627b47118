package io.github.pools.autoconfigure.event;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BurstDetector}, on a clock the test moves.
 */
class BurstDetectorTests {

	private static final long SECOND = 1_000_000_000L;

	@Test
	void thresholdOfOneReportsTheFirstOccurrenceThenOncePerWindow() {
		BurstDetector detector = new BurstDetector(1, 10 * SECOND);
		assertThat(detector.record(0)).isTrue();
		assertThat(detector.record(1)).isFalse();
		assertThat(detector.record(9 * SECOND)).isFalse();
		assertThat(detector.record(10 * SECOND)).isTrue();
	}

	@Test
	void burstNeedsTheThresholdWithinTheWindow() {
		BurstDetector detector = new BurstDetector(3, 10 * SECOND);
		assertThat(detector.record(0)).isFalse();
		assertThat(detector.record(6 * SECOND)).isFalse();
		assertThat(detector.record(12 * SECOND)).as("the first is out of the window").isFalse();
		assertThat(detector.record(13 * SECOND)).as("6s, 12s and 13s are within 10s").isTrue();
	}

	@Test
	void stormProducesOneReportPerWindow() {
		BurstDetector detector = new BurstDetector(5, 10 * SECOND);
		int reports = 0;
		for (long t = 0; t < 30 * SECOND; t += SECOND / 100) {
			if (detector.record(t)) {
				reports++;
			}
		}
		assertThat(reports).isEqualTo(3);
	}

	@Test
	void clockValuesMayBeNegative() {
		BurstDetector detector = new BurstDetector(2, 10 * SECOND);
		long start = Long.MAX_VALUE - SECOND;
		assertThat(detector.record(start)).isFalse();
		assertThat(detector.record(start + 2 * SECOND)).as("nanoTime may overflow").isTrue();
	}

}
