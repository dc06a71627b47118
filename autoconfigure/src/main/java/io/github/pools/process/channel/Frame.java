package io.github.pools.process.channel;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * One frame as read from a channel: its type and a view of its payload.
 * <p>
 * On the wire a frame is an 8-byte header followed by the payload: two magic bytes
 * ({@code 0x9E 0x50}), the {@link FrameType} code, a flags byte, and the payload length
 * as a big-endian {@code int}. The only flag is {@link #FLAG_TRACE}, on a
 * {@link FrameType#TASK TASK} frame only: the payload then starts with the task's W3C
 * {@code traceparent} (one length byte, then that many ASCII bytes) before the
 * serialized task, so that the worker reads it without deserializing anything. The first magic byte is a UTF-8
 * continuation byte, so no line of text a program prints by mistake starts like a
 * frame.
 * <p>
 * The payload view may point into the reader's buffer: it stays valid only until the
 * next read from the same {@link FrameReader}. Use {@link #copy()} to keep it longer.
 *
 * @param type the frame type
 * @param data the array holding the payload
 * @param offset where the payload starts in {@code data}
 * @param length the payload length, after the trace field if there is one
 * @param traceparent the W3C {@code traceparent} the task frame carried, or {@code null}
 */
public record Frame(FrameType type, byte[] data, int offset, int length, @Nullable String traceparent) {

	/** Bytes in a frame header. */
	public static final int HEADER_SIZE = 8;

	static final byte MAGIC_0 = (byte) 0x9E;

	static final byte MAGIC_1 = (byte) 0x50;

	/** Flag of a task frame whose payload starts with a {@code traceparent}. */
	public static final byte FLAG_TRACE = 0x01;

	/**
	 * Create a frame that carries no trace.
	 * @param type the frame type
	 * @param data the array holding the payload
	 * @param offset where the payload starts in {@code data}
	 * @param length the payload length
	 */
	public Frame(FrameType type, byte[] data, int offset, int length) {
		this(type, data, offset, length, null);
	}

	/**
	 * Return a frame of the same type whose payload is a private copy.
	 * @return the copy
	 */
	public Frame copy() {
		return new Frame(this.type, Arrays.copyOfRange(this.data, this.offset, this.offset + this.length), 0,
				this.length, this.traceparent);
	}

	@Override
	public String toString() {
		return "Frame[" + this.type + ", " + this.length + " bytes]";
	}

}
