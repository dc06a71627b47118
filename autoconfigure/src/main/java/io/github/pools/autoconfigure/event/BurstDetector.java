package io.github.pools.autoconfigure.event;

/**
 * Tells when a number of occurrences falls within a sliding window, at most once per
 * window: the rate limit behind every rate-limited {@link PoolEvent}. It keeps the times
 * of the last {@code threshold} occurrences, so its memory is fixed whatever the storm.
 * Thread-safe; the critical section is a few array writes.
 */
final class BurstDetector {

	private final long windowNanos;

	/** Ring of the last occurrences' times; guarded by this. */
	private final long[] times;

	/** Index of the oldest kept occurrence; guarded by this. */
	private int oldest;

	/** Occurrences kept, up to the threshold; guarded by this. */
	private int kept;

	/** Whether a burst was reported and {@link #quietUntil} applies; guarded by this. */
	private boolean reported;

	/** No burst is reported before this time; guarded by this. */
	private long quietUntil;

	/**
	 * Create a new instance.
	 * @param threshold occurrences within the window that make a burst, at least 1
	 * @param windowNanos the window in nanoseconds, longer than zero
	 */
	BurstDetector(int threshold, long windowNanos) {
		this.times = new long[threshold];
		this.windowNanos = windowNanos;
	}

	/**
	 * Record one occurrence.
	 * @param now the time of the occurrence, from {@link System#nanoTime()} or a test
	 * clock
	 * @return {@code true} if this occurrence completes a burst and none was reported in
	 * the last window
	 */
	synchronized boolean record(long now) {
		int threshold = this.times.length;
		if (this.kept < threshold) {
			this.times[(this.oldest + this.kept) % threshold] = now;
			this.kept++;
		}
		else {
			this.times[this.oldest] = now;
			this.oldest = (this.oldest + 1) % threshold;
		}
		if (this.kept < threshold || now - this.times[this.oldest] >= this.windowNanos) {
			return false;
		}
		if (this.reported && now - this.quietUntil < 0) {
			return false;
		}
		this.reported = true;
		this.quietUntil = now + this.windowNanos;
		return true;
	}

}
