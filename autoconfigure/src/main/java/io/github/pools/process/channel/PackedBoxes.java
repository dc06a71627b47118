package io.github.pools.process.channel;

import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serial;
import java.io.Serializable;

/**
 * An {@code Object[]} of boxed {@code Integer}s, {@code Long}s or {@code Double}s as it
 * crosses the channel: one primitive array instead of one object per element. The
 * items and results of {@code map} are such arrays, and Java serialization spends most
 * of a chunk's time writing and reading its boxes one by one. The reader gets an
 * {@code Object[]} of equal boxes back (not the same instances: boxes carry no identity
 * worth keeping).
 */
final class PackedBoxes implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	/** Shorter arrays are not worth a second class on the stream. */
	static final int MIN_LENGTH = 8;

	/**
	 * Longer arrays are sent box by box, so that what a reader allocates stays within a
	 * small multiple of what the stream holds, which the allow-list's limits bound.
	 */
	static final int MAX_LENGTH = 1 << 16;

	/** An {@code int[]}, {@code long[]} or {@code double[]}. */
	private final Object primitives;

	PackedBoxes(Object primitives) {
		this.primitives = primitives;
	}

	/**
	 * Return what to write for an {@code Object[]}: a packed form if every element is a
	 * box of one of the packed types, the array itself otherwise.
	 * @param array the array
	 * @return the packed form or the array
	 */
	static Object pack(Object[] array) {
		int length = array.length;
		if (length < MIN_LENGTH || length > MAX_LENGTH || array[0] == null) {
			return array;
		}
		Class<?> type = array[0].getClass();
		for (int i = 1; i < length; i++) {
			if (array[i] == null || array[i].getClass() != type) {
				return array;
			}
		}
		if (type == Integer.class) {
			int[] ints = new int[length];
			for (int i = 0; i < length; i++) {
				ints[i] = (Integer) array[i];
			}
			return new PackedBoxes(ints);
		}
		if (type == Long.class) {
			long[] longs = new long[length];
			for (int i = 0; i < length; i++) {
				longs[i] = (Long) array[i];
			}
			return new PackedBoxes(longs);
		}
		if (type == Double.class) {
			double[] doubles = new double[length];
			for (int i = 0; i < length; i++) {
				doubles[i] = (Double) array[i];
			}
			return new PackedBoxes(doubles);
		}
		return array;
	}

	@Serial
	private Object readResolve() throws ObjectStreamException {
		if (this.primitives instanceof int[] ints && ints.length <= MAX_LENGTH) {
			Object[] boxes = new Object[ints.length];
			for (int i = 0; i < ints.length; i++) {
				boxes[i] = ints[i];
			}
			return boxes;
		}
		if (this.primitives instanceof long[] longs && longs.length <= MAX_LENGTH) {
			Object[] boxes = new Object[longs.length];
			for (int i = 0; i < longs.length; i++) {
				boxes[i] = longs[i];
			}
			return boxes;
		}
		if (this.primitives instanceof double[] doubles && doubles.length <= MAX_LENGTH) {
			Object[] boxes = new Object[doubles.length];
			for (int i = 0; i < doubles.length; i++) {
				boxes[i] = doubles[i];
			}
			return boxes;
		}
		throw new InvalidObjectException("packed boxes must be an int[], long[] or double[] of at most "
				+ MAX_LENGTH + " elements");
	}

}
