package io.github.pools.process.channel;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;

/**
 * One frame as read from a channel: its type and a view of its payload.
 * <p>
 * On the wire a frame is an 8-byte header followed by the payload: two magic bytes
 * ({@code 0x9E 0x50}), the {@link FrameType} code, a flags byte that must be zero, and
 * the payload length as a big-endian {@code int}. The first magic byte is a UTF-8
 * continuation byte, so no line of text a program prints by mistake starts like a
 * frame.
 * <p>
 * The payload view may point into the reader's buffer: it stays valid only until the
 * next read from the same {@link FrameReader}. Use {@link #copy()} to keep it longer.
 *
 * @param type the frame type
 * @param data the array holding the payload
 * @param offset where the payload starts in {@code data}
 * @param length the payload length
 */
public record Frame(FrameType type, byte[] data, int offset, int length) {

	/** Bytes in a frame header. */
	public static final int HEADER_SIZE = 8;

	static final byte MAGIC_0 = (byte) 0x9E;

	static final byte MAGIC_1 = (byte) 0x50;

	/**
	 * Return a stream over the payload.
	 * @return a new stream
	 */
	public InputStream payloadStream() {
		return new ByteArrayInputStream(this.data, this.offset, this.length);
	}

	/**
	 * Return a frame of the same type whose payload is a private copy.
	 * @return the copy
	 */
	public Frame copy() {
		return new Frame(this.type, Arrays.copyOfRange(this.data, this.offset, this.offset + this.length), 0,
				this.length);
	}

	@Override
	public String toString() {
		return "Frame[" + this.type + ", " + this.length + " bytes]";
	}

}
