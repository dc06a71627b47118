package io.github.pools.process.channel;

import java.io.InvalidClassException;
import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serial;
import java.io.Serializable;
import java.io.StreamCorruptedException;

import org.jspecify.annotations.Nullable;

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

	/** The tag of an {@code Object[]} written by {@link #write}, standing alone in a frame. */
	static final byte TAG = 9;

	private static final byte INTEGERS = 1;

	private static final byte LONGS = 2;

	private static final byte DOUBLES = 3;

	/**
	 * Return the box type of an array that packs in a form of its own: one to
	 * {@link #MAX_LENGTH} elements, all {@code Integer}s, all {@code Long}s or all
	 * {@code Double}s. (Inside an object stream, only arrays of {@link #MIN_LENGTH} or
	 * more are worth a second class.)
	 * @param array the array
	 * @return {@code Integer.class}, {@code Long.class}, {@code Double.class}, or
	 * {@code null} if it does not pack
	 */
	static @Nullable Class<?> boxType(Object[] array) {
		int length = array.length;
		if (length == 0 || length > MAX_LENGTH || array[0] == null) {
			return null;
		}
		Class<?> type = array[0].getClass();
		if (type != Integer.class && type != Long.class && type != Double.class) {
			return null;
		}
		for (int i = 1; i < length; i++) {
			if (array[i] == null || array[i].getClass() != type) {
				return null;
			}
		}
		return type;
	}

	/**
	 * Write an {@code Object[]} that packs without an object stream: the tag, the box
	 * type, the length in four bytes, then the primitive values.
	 * @param buffer the frame being built
	 * @param value the value
	 * @return whether it was written; if not, nothing was
	 */
	static boolean write(FrameBuffer buffer, Object value) {
		if (value.getClass() != Object[].class) {
			return false;
		}
		Object[] array = (Object[]) value;
		Class<?> type = boxType(array);
		if (type == null) {
			return false;
		}
		buffer.write(TAG);
		writeBody(buffer, array, type);
		return true;
	}

	/**
	 * Write the box type, the length and the values of an array that packs.
	 * @param buffer the frame being built
	 * @param array the array
	 * @param type its {@link #boxType}
	 */
	static void writeBody(FrameBuffer buffer, Object[] array, Class<?> type) {
		buffer.write((type == Integer.class) ? INTEGERS : (type == Long.class) ? LONGS : DOUBLES);
		buffer.writeInt(array.length);
		// Filled here and copied at once: a frame buffer checks its capacity per write.
		byte[] values = new byte[array.length * ((type == Integer.class) ? 4 : 8)];
		int at = 0;
		for (Object box : array) {
			long bits = (type == Integer.class) ? (Integer) box
					: (type == Long.class) ? (Long) box : Double.doubleToRawLongBits((Double) box);
			for (int shift = (type == Integer.class) ? 24 : 56; shift >= 0; shift -= 8) {
				values[at++] = (byte) (bits >>> shift);
			}
		}
		buffer.write(values, 0, values.length);
	}

	/**
	 * Read what {@link #writeBody} wrote, through the allow-list: what Java serialization
	 * checks for an array that crosses packed ({@code PackedBoxes} and {@code Object[]}),
	 * and the box type too, so that a pool that denies it never receives one.
	 * @param bytes the array
	 * @param at where the box type is
	 * @param end where the body must end
	 * @param filter the allow-list
	 * @return the boxes, in a new {@code Object[]}
	 * @throws InvalidClassException if the allow-list refuses the array or its boxes
	 * (its refusal is recorded in the filter)
	 * @throws StreamCorruptedException if the bytes are not such an array
	 */
	static Object[] readBody(byte[] bytes, int at, int end, ObjectFilters.RecordingFilter filter)
			throws InvalidClassException, StreamCorruptedException {
		check(end - at >= 5, "it ends early");
		byte kind = bytes[at];
		Class<?> type = (kind == INTEGERS) ? Integer.class : (kind == LONGS) ? Long.class
				: (kind == DOUBLES) ? Double.class : null;
		if (type == null) {
			check(false, "unknown box type " + kind);
		}
		int length = WireInput.readInt(bytes, at + 1);
		int size = (type == Integer.class) ? 4 : 8;
		// Checked before anything is allocated: the frame holds every value it declares.
		if (length < 0 || length > MAX_LENGTH || (long) length * size != end - (at + 5)) {
			check(false, "it declares " + length + " values in " + (end - (at + 5)) + " bytes");
		}
		if (filter.refuses(PackedBoxes.class) || filter.refuses(Object[].class) || filter.refuses(type)) {
			throw new InvalidClassException(type.getName(), "filter status: REJECTED");
		}
		Object[] boxes = new Object[length];
		int position = at + 5;
		for (int i = 0; i < length; i++, position += size) {
			if (type == Integer.class) {
				boxes[i] = WireInput.readInt(bytes, position);
			}
			else {
				long bits = ((long) WireInput.readInt(bytes, position) << 32)
						| (WireInput.readInt(bytes, position + 4) & 0xFFFFFFFFL);
				boxes[i] = (type == Long.class) ? (Object) bits : (Object) Double.longBitsToDouble(bits);
			}
		}
		return boxes;
	}

	private static void check(boolean valid, String problem) throws StreamCorruptedException {
		if (!valid) {
			throw new StreamCorruptedException("invalid packed array: " + problem);
		}
	}

	/**
	 * Return what to write for an {@code Object[]}: a packed form if every element is a
	 * box of one of the packed types, the array itself otherwise.
	 * @param array the array
	 * @return the packed form or the array
	 */
	static Object pack(Object[] array) {
		Class<?> type = (array.length < MIN_LENGTH) ? null : boxType(array);
		if (type == Integer.class) {
			int[] ints = new int[array.length];
			for (int i = 0; i < ints.length; i++) {
				ints[i] = (Integer) array[i];
			}
			return new PackedBoxes(ints);
		}
		if (type == Long.class) {
			long[] longs = new long[array.length];
			for (int i = 0; i < longs.length; i++) {
				longs[i] = (Long) array[i];
			}
			return new PackedBoxes(longs);
		}
		if (type == Double.class) {
			double[] doubles = new double[array.length];
			for (int i = 0; i < doubles.length; i++) {
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
