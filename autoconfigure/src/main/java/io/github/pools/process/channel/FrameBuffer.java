package io.github.pools.process.channel;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Builds one frame in memory: an {@link OutputStream} for the payload that keeps room
 * for the header in front, so that the finished frame goes out in a single
 * {@code write} call. Not thread-safe.
 */
public final class FrameBuffer extends OutputStream {

	private byte[] bytes;

	private int count = Frame.HEADER_SIZE;

	private byte flags;

	/**
	 * Create a buffer.
	 * @param initialPayloadCapacity the expected payload size
	 */
	public FrameBuffer(int initialPayloadCapacity) {
		this.bytes = new byte[Frame.HEADER_SIZE + initialPayloadCapacity];
	}

	/**
	 * Create a finished frame without payload.
	 * @param type the frame type
	 * @return the frame, ready to send
	 */
	public static FrameBuffer empty(FrameType type) {
		return new FrameBuffer(0).finish(type);
	}

	@Override
	public void write(int b) {
		ensure(1);
		this.bytes[this.count++] = (byte) b;
	}

	@Override
	public void write(byte[] b, int off, int len) {
		ensure(len);
		System.arraycopy(b, off, this.bytes, this.count, len);
		this.count += len;
	}

	/**
	 * Write an {@code int}, most significant byte first.
	 * @param value the number
	 */
	void writeInt(int value) {
		ensure(4);
		putInt(this.count, value);
		this.count += 4;
	}

	private void ensure(int more) {
		int needed = this.count + more;
		if (needed < 0) {
			throw new OutOfMemoryError("Frame larger than 2 GiB");
		}
		if (needed > this.bytes.length) {
			this.bytes = Arrays.copyOf(this.bytes, Math.max(needed, Math.min(Integer.MAX_VALUE - 8, this.bytes.length * 2)));
		}
	}

	/**
	 * Start a task frame's payload with the task's trace context, before anything else
	 * is written: the worker reads it without deserializing the task.
	 * @param traceparent a W3C {@code traceparent}, as {@link TraceParent#isValid} accepts
	 * @return this buffer
	 * @throws IllegalArgumentException if the value is not a valid {@code traceparent}
	 * @throws IllegalStateException if part of the payload was written already
	 */
	public FrameBuffer traceparent(String traceparent) {
		if (!TraceParent.isValid(traceparent)) {
			throw new IllegalArgumentException("Not a W3C traceparent: '" + traceparent + "'");
		}
		if (payloadSize() != 0) {
			throw new IllegalStateException("The traceparent goes first in the payload");
		}
		write(traceparent.length());
		for (int i = 0; i < traceparent.length(); i++) {
			write(traceparent.charAt(i));
		}
		this.flags |= Frame.FLAG_TRACE;
		return this;
	}

	/**
	 * Drop what was written after a point of the payload: a compact form that turned out
	 * not to fit takes back what it wrote.
	 * @param payloadSize the payload length to return to
	 */
	void truncate(int payloadSize) {
		if (payloadSize < 0 || payloadSize > payloadSize()) {
			throw new IllegalArgumentException("Cannot truncate a payload of " + payloadSize() + " bytes to "
					+ payloadSize);
		}
		this.count = Frame.HEADER_SIZE + payloadSize;
	}

	/**
	 * Overwrite four bytes of the payload with an {@code int}, most significant first: a
	 * length known only once what it measures is written.
	 * @param payloadOffset where the four bytes start in the payload
	 * @param value the value
	 */
	void setInt(int payloadOffset, int value) {
		int at = Frame.HEADER_SIZE + payloadOffset;
		if (payloadOffset < 0 || at + 4 > this.count) {
			throw new IllegalArgumentException("No four payload bytes at " + payloadOffset);
		}
		putInt(at, value);
	}

	private void putInt(int at, int value) {
		this.bytes[at] = (byte) (value >>> 24);
		this.bytes[at + 1] = (byte) (value >>> 16);
		this.bytes[at + 2] = (byte) (value >>> 8);
		this.bytes[at + 3] = (byte) value;
	}

	/**
	 * Return the payload length so far.
	 * @return bytes written after the header
	 */
	public int payloadSize() {
		return this.count - Frame.HEADER_SIZE;
	}

	/**
	 * Write the header for the payload written so far.
	 * @param type the frame type
	 * @return this buffer
	 */
	public FrameBuffer finish(FrameType type) {
		int length = payloadSize();
		this.bytes[0] = Frame.MAGIC_0;
		this.bytes[1] = Frame.MAGIC_1;
		this.bytes[2] = type.code();
		if (this.flags != 0 && type != FrameType.TASK) {
			throw new IllegalStateException("Only a task frame carries a traceparent");
		}
		this.bytes[3] = this.flags;
		putInt(4, length);
		return this;
	}

	/**
	 * Send the finished frame and flush.
	 * @param out the channel
	 * @throws IOException if writing fails, usually because the peer is gone
	 */
	public void writeTo(OutputStream out) throws IOException {
		out.write(this.bytes, 0, this.count);
		out.flush();
	}

	/**
	 * Drop the payload to build another frame, releasing a large array.
	 */
	public void reset() {
		this.count = Frame.HEADER_SIZE;
		this.flags = 0;
		if (this.bytes.length > 1024 * 1024) {
			this.bytes = new byte[Frame.HEADER_SIZE + 4096];
		}
	}

	/**
	 * Return a copy of the payload written so far.
	 * @return the payload bytes
	 */
	public byte[] payload() {
		return Arrays.copyOfRange(this.bytes, Frame.HEADER_SIZE, this.count);
	}

	/**
	 * Return the bytes of the finished frame, for tests and tools.
	 * @return a copy of header and payload
	 */
	public byte[] toByteArray() {
		return Arrays.copyOf(this.bytes, this.count);
	}

}
