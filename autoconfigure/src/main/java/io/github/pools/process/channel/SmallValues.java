package io.github.pools.process.channel;

import java.io.StreamCorruptedException;

import org.jspecify.annotations.Nullable;

/**
 * The values most tasks return, written without Java serialization: {@code null}, an
 * {@code Integer}, {@code Long}, {@code Double}, {@code Boolean} or a short
 * {@code String} is a tag byte and its bytes. Creating the object streams and writing a
 * class descriptor would cost many times more than the value. A Java serialization
 * stream starts with {@code 0xAC}, which is no tag, so a reader tells the two apart by
 * the first byte.
 */
final class SmallValues {

	/** Longer strings go through Java serialization. */
	static final int MAX_STRING_LENGTH = 1024;

	private static final byte NULL = 1;

	private static final byte INTEGER = 2;

	private static final byte LONG = 3;

	private static final byte DOUBLE = 4;

	private static final byte TRUE = 5;

	private static final byte FALSE = 6;

	/** Followed by the UTF-16 code units, two bytes each: every string crosses intact. */
	private static final byte STRING = 7;

	private SmallValues() {
	}

	/**
	 * Write a value if it is a small one.
	 * @param buffer the frame being built
	 * @param value the value
	 * @return whether it was written; if not, nothing was
	 */
	static boolean write(FrameBuffer buffer, @Nullable Object value) {
		if (value == null) {
			buffer.write(NULL);
		}
		else if (value.getClass() == Integer.class) {
			buffer.write(INTEGER);
			writeLong(buffer, (Integer) value, 4);
		}
		else if (value.getClass() == Long.class) {
			buffer.write(LONG);
			writeLong(buffer, (Long) value, 8);
		}
		else if (value.getClass() == Double.class) {
			buffer.write(DOUBLE);
			writeLong(buffer, Double.doubleToRawLongBits((Double) value), 8);
		}
		else if (value.getClass() == Boolean.class) {
			buffer.write(((Boolean) value) ? TRUE : FALSE);
		}
		else if (value.getClass() == String.class && ((String) value).length() <= MAX_STRING_LENGTH) {
			String string = (String) value;
			buffer.write(STRING);
			for (int i = 0; i < string.length(); i++) {
				char c = string.charAt(i);
				buffer.write(c >>> 8);
				buffer.write(c);
			}
		}
		else {
			return false;
		}
		return true;
	}

	/**
	 * Return how many bytes {@link #write} writes for a value.
	 * @param value the value
	 * @return its size with its tag, or {@code -1} if it is no small value
	 */
	static int size(@Nullable Object value) {
		if (value == null || value.getClass() == Boolean.class) {
			return 1;
		}
		if (value.getClass() == Integer.class) {
			return 5;
		}
		if (value.getClass() == Long.class || value.getClass() == Double.class) {
			return 9;
		}
		if (value.getClass() == String.class && ((String) value).length() <= MAX_STRING_LENGTH) {
			return 1 + 2 * ((String) value).length();
		}
		return -1;
	}

	private static void writeLong(FrameBuffer buffer, long value, int bytes) {
		for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
			buffer.write((int) (value >>> shift));
		}
	}

	/**
	 * Return whether bytes hold a small value rather than a Java serialization stream.
	 * @param first the first byte
	 * @return whether {@link #read} reads them
	 */
	static boolean isSmall(byte first) {
		return first >= NULL && first <= STRING;
	}

	/**
	 * Return the type of the small value in bytes, for the allow-list.
	 * @param first the first byte
	 * @return its class, or {@code null} for {@code null}
	 */
	static @Nullable Class<?> type(byte first) {
		return switch (first) {
			case INTEGER -> Integer.class;
			case LONG -> Long.class;
			case DOUBLE -> Double.class;
			case TRUE, FALSE -> Boolean.class;
			case STRING -> String.class;
			default -> null;
		};
	}

	/**
	 * Read a small value.
	 * @param bytes the array
	 * @param offset where the tag is
	 * @param length the length of tag and value
	 * @return the value
	 * @throws StreamCorruptedException if the length does not fit the tag
	 */
	static @Nullable Object read(byte[] bytes, int offset, int length) throws StreamCorruptedException {
		byte tag = bytes[offset];
		int size = length - 1;
		int at = offset + 1;
		switch (tag) {
			case NULL -> {
				check(size == 0, tag, length);
				return null;
			}
			case INTEGER -> {
				check(size == 4, tag, length);
				return (int) readLong(bytes, at, 4);
			}
			case LONG -> {
				check(size == 8, tag, length);
				return readLong(bytes, at, 8);
			}
			case DOUBLE -> {
				check(size == 8, tag, length);
				return Double.longBitsToDouble(readLong(bytes, at, 8));
			}
			case TRUE, FALSE -> {
				check(size == 0, tag, length);
				return tag == TRUE;
			}
			case STRING -> {
				check(size % 2 == 0 && size / 2 <= MAX_STRING_LENGTH, tag, length);
				char[] chars = new char[size / 2];
				for (int i = 0; i < chars.length; i++) {
					chars[i] = (char) (((bytes[at + 2 * i] & 0xFF) << 8) | (bytes[at + 2 * i + 1] & 0xFF));
				}
				return new String(chars);
			}
			default -> throw new StreamCorruptedException("unknown small-value tag " + tag);
		}
	}

	private static long readLong(byte[] bytes, int at, int count) {
		long value = 0;
		for (int i = 0; i < count; i++) {
			value = (value << 8) | (bytes[at + i] & 0xFF);
		}
		return value;
	}

	private static void check(boolean valid, byte tag, int length) throws StreamCorruptedException {
		if (!valid) {
			throw new StreamCorruptedException("a small value of tag " + tag + " cannot be " + length + " bytes long");
		}
	}

}
