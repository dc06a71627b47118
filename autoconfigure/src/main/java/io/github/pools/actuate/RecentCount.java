package io.github.pools.actuate;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Counts occurrences within a sliding window, for example the tasks a pool refused in
 * the last minute. The window is cut into a fixed number of slots, so memory is fixed
 * whatever the rate, and {@link #count()} is exact to one slot. Reading never changes the
 * count: any number of readers see the same value at the same time. Thread-safe; the
 * critical sections are a few array accesses.
 */
final class RecentCount {

	/** Slots the window is cut into. */
	static final int SLOTS = 60;

	private final long slotNanos;

	private final LongSupplier nanoClock;

	/** Number of the time slot each array entry counts, {@code now / slotNanos}; guarded by this. */
	private final long[] slots = new long[SLOTS];

	/** Occurrences in the slot of the same index; guarded by this. */
	private final long[] counts = new long[SLOTS];

	/**
	 * Create a new instance.
	 * @param window the window, at least {@value #SLOTS} nanoseconds
	 * @param nanoClock the clock, {@link System#nanoTime()} or a test clock
	 */
	RecentCount(Duration window, LongSupplier nanoClock) {
		this.slotNanos = window.toNanos() / SLOTS;
		this.nanoClock = nanoClock;
		long now = slot();
		for (int i = 0; i < SLOTS; i++) {
			this.slots[i] = now - SLOTS;
		}
	}

	/**
	 * Record one occurrence now.
	 */
	synchronized void record() {
		long slot = slot();
		int index = (int) Math.floorMod(slot, (long) SLOTS);
		if (this.slots[index] != slot) {
			this.slots[index] = slot;
			this.counts[index] = 0;
		}
		this.counts[index]++;
	}

	/**
	 * Return the occurrences within the window that ends now.
	 * @return the count, never negative
	 */
	synchronized long count() {
		long oldest = slot() - SLOTS;
		long count = 0;
		for (int i = 0; i < SLOTS; i++) {
			if (this.slots[i] > oldest) {
				count += this.counts[i];
			}
		}
		return count;
	}

	private long slot() {
		return Math.floorDiv(this.nanoClock.getAsLong(), this.slotNanos);
	}

}
