package io.github.pools.process.channel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Reads what {@link WireOutput} wrote, from a frame's payload. Every length is checked
 * against the bytes that are left before anything is allocated, so a malformed payload
 * fails with an {@link IOException} instead of exhausting memory.
 */
public final class WireInput {

	private final byte[] bytes;

	private int position;

	private final int end;

	/**
	 * Create a reader over a frame's payload.
	 * @param frame the frame
	 */
	public WireInput(Frame frame) {
		this.bytes = frame.data();
		this.position = frame.offset();
		this.end = frame.offset() + frame.length();
	}

	/**
	 * Read one byte.
	 * @return the byte, 0 to 255
	 * @throws IOException if the payload has ended
	 */
	public int readByte() throws IOException {
		require(1);
		return this.bytes[this.position++] & 0xFF;
	}

	/**
	 * Read an {@code int}.
	 * @return the number
	 * @throws IOException if the payload has ended
	 */
	public int readInt() throws IOException {
		require(4);
		int value = readInt(this.bytes, this.position);
		this.position += 4;
		return value;
	}

	/**
	 * Read an {@code int} stored most significant byte first; the caller has checked
	 * that the four bytes are there.
	 * @param bytes the array
	 * @param at where the first byte is
	 * @return the number
	 */
	static int readInt(byte[] bytes, int at) {
		return ((bytes[at] & 0xFF) << 24) | ((bytes[at + 1] & 0xFF) << 16) | ((bytes[at + 2] & 0xFF) << 8)
				| (bytes[at + 3] & 0xFF);
	}

	/**
	 * Read a {@code long}.
	 * @return the number
	 * @throws IOException if the payload has ended
	 */
	public long readLong() throws IOException {
		return ((long) readInt() << 32) | (readInt() & 0xFFFFFFFFL);
	}

	/**
	 * Read a string.
	 * @return the string, or {@code null}
	 * @throws IOException if the payload is malformed
	 */
	public @Nullable String readString() throws IOException {
		int length = readLength();
		if (length < 0) {
			return null;
		}
		String value = new String(this.bytes, this.position, length, StandardCharsets.UTF_8);
		this.position += length;
		return value;
	}

	/**
	 * Read a string that must be present.
	 * @return the string
	 * @throws IOException if the payload is malformed or holds {@code null}
	 */
	public String readRequiredString() throws IOException {
		String value = readString();
		if (value == null) {
			throw new IOException("Malformed payload: missing string");
		}
		return value;
	}

	/**
	 * Read a byte array.
	 * @return the bytes, or {@code null}
	 * @throws IOException if the payload is malformed
	 */
	public byte @Nullable [] readBytes() throws IOException {
		int length = readLength();
		if (length < 0) {
			return null;
		}
		byte[] value = Arrays.copyOfRange(this.bytes, this.position, this.position + length);
		this.position += length;
		return value;
	}

	/**
	 * Read a count of items that each take at least {@code minItemSize} bytes.
	 * @param minItemSize the smallest encoded size of one item
	 * @return the count
	 * @throws IOException if the count is negative or cannot fit in what is left
	 */
	public int readCount(int minItemSize) throws IOException {
		int count = readInt();
		if (count < 0 || (long) count * minItemSize > this.end - this.position) {
			throw new IOException("Malformed payload: count " + count);
		}
		return count;
	}

	private int readLength() throws IOException {
		int length = readInt();
		if (length < -1) {
			throw new IOException("Malformed payload: length " + length);
		}
		if (length > 0) {
			require(length);
		}
		return length;
	}

	private void require(int count) throws IOException {
		if (this.end - this.position < count) {
			throw new IOException("Malformed payload: " + count + " more bytes expected, " + (this.end - this.position)
					+ " left");
		}
	}

}
