package io.github.pools.process.channel;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * Writes the fields of Pools' own payloads (configuration, failure reports): fixed-size
 * big-endian numbers, and strings and byte arrays prefixed by their length, {@code -1}
 * for {@code null}. Unlike {@code DataOutput.writeUTF}, strings may be longer than 64 KiB.
 */
public final class WireOutput {

	private final FrameBuffer out;

	/**
	 * Create a writer.
	 * @param out the frame being built
	 */
	public WireOutput(FrameBuffer out) {
		this.out = out;
	}

	/**
	 * Write one byte.
	 * @param value the byte
	 */
	public void writeByte(int value) {
		this.out.write(value);
	}

	/**
	 * Write an {@code int}.
	 * @param value the number
	 */
	public void writeInt(int value) {
		this.out.writeInt(value);
	}

	/**
	 * Write a {@code long}.
	 * @param value the number
	 */
	public void writeLong(long value) {
		writeInt((int) (value >>> 32));
		writeInt((int) value);
	}

	/**
	 * Write a string as UTF-8.
	 * @param value the string, or {@code null}
	 */
	public void writeString(@Nullable String value) {
		writeBytes((value != null) ? value.getBytes(StandardCharsets.UTF_8) : null);
	}

	/**
	 * Write a byte array.
	 * @param value the bytes, or {@code null}
	 */
	public void writeBytes(byte @Nullable [] value) {
		if (value == null) {
			writeInt(-1);
			return;
		}
		writeInt(value.length);
		this.out.write(value, 0, value.length);
	}

}
