package io.github.pools.process.channel;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

import org.jspecify.annotations.Nullable;

/**
 * Reads frames from one side of a channel. Not thread-safe: each channel has exactly one
 * reading thread.
 * <p>
 * The reader keeps its own buffer over the raw stream, so a small frame costs one
 * {@code read} call and no copy; a payload larger than the buffer gets an array of its
 * own, which is not kept. The magic bytes are checked one at a time as they arrive, so
 * stray output is reported at once even if the peer then writes nothing more.
 */
public final class FrameReader {

	private static final int BUFFER_SIZE = 16 * 1024;

	/** How many bytes of a broken frame a {@link ProtocolException} shows. */
	private static final int SHOWN_BYTES = 64;

	private final InputStream in;

	private final long maxPayload;

	private final boolean fromWorker;

	private final byte[] buffer = new byte[BUFFER_SIZE];

	/** Next unread byte in {@link #buffer}. */
	private int position;

	/** End of the valid bytes in {@link #buffer}. */
	private int limit;

	/**
	 * Create a reader.
	 * @param in the raw stream, unbuffered or buffered
	 * @param maxPayload the largest payload accepted; a longer frame is a protocol error
	 * @param fromWorker {@code true} on the pool side, reading what a worker writes;
	 * {@code false} in the worker, reading what the pool writes
	 */
	public FrameReader(InputStream in, long maxPayload, boolean fromWorker) {
		this.in = in;
		this.maxPayload = Math.min(maxPayload, Integer.MAX_VALUE - Frame.HEADER_SIZE);
		this.fromWorker = fromWorker;
	}

	/**
	 * Wait briefly, without blocking, for the next bytes: a thread that blocks in
	 * {@code read} and is woken by the peer's write can take tens of microseconds to run
	 * again on a virtual machine, more than a whole round trip. Spinning on
	 * {@link InputStream#available()} trades a little CPU for that latency when an
	 * answer is expected soon.
	 * @param spinNanos how long to spin at most
	 * @throws IOException if the stream cannot say what is available
	 */
	public void spinUntilReadable(long spinNanos) throws IOException {
		if (this.limit > this.position || spinNanos <= 0) {
			return;
		}
		long start = System.nanoTime();
		while (this.in.available() == 0 && System.nanoTime() - start < spinNanos) {
			Thread.onSpinWait();
		}
	}

	/**
	 * Read the next frame, blocking until it has fully arrived.
	 * @return the frame, whose payload is valid until the next call, or {@code null} if
	 * the stream ended cleanly between frames
	 * @throws ProtocolException if the bytes are not a valid frame
	 * @throws EOFException if the stream ended inside a frame (the peer died while
	 * writing)
	 * @throws IOException if reading fails
	 */
	public @Nullable Frame read() throws IOException {
		if (!fill(1)) {
			return null;
		}
		checkMagic(0, Frame.MAGIC_0);
		if (!fill(2)) {
			throw truncated();
		}
		checkMagic(1, Frame.MAGIC_1);
		if (!fill(Frame.HEADER_SIZE)) {
			throw truncated();
		}
		// fill() may have moved the frame to the start of the buffer: read the position now
		byte[] header = this.buffer;
		int start = this.position;
		FrameType type = FrameType.of(header[start + 2]);
		if (type == null || type.toWorker() == this.fromWorker) {
			throw broken((type == null) ? "unknown frame type " + hex(header[start + 2])
					: "frame type " + type + " in the wrong direction");
		}
		byte flags = header[start + 3];
		if (flags != 0 && (flags != Frame.FLAG_TRACE || type != FrameType.TASK)) {
			throw broken("unknown frame flags " + hex(flags) + ((flags == Frame.FLAG_TRACE) ? " on a " + type + " frame" : ""));
		}
		int length = WireInput.readInt(header, start + 4);
		if (length < 0 || length > this.maxPayload) {
			throw broken("frame of " + (length & 0xFFFFFFFFL) + " bytes exceeds the limit of " + this.maxPayload
					+ " bytes (max-message-size)");
		}
		if (Frame.HEADER_SIZE + length <= this.buffer.length) {
			if (!fill(Frame.HEADER_SIZE + length)) {
				throw truncated();
			}
			Frame frame = new Frame(type, this.buffer, this.position + Frame.HEADER_SIZE, length);
			this.position += Frame.HEADER_SIZE + length;
			return (flags != 0) ? traced(frame) : frame;
		}
		Frame frame = readLarge(type, length);
		return (flags != 0) ? traced(frame) : frame;
	}

	/**
	 * Split a traced task frame's payload into its {@code traceparent} and the task.
	 * The frame has arrived whole, so a bad trace field spoils only this frame.
	 */
	static Frame traced(Frame frame) throws ProtocolException {
		byte[] data = frame.data();
		int offset = frame.offset();
		int length = (frame.length() > 0) ? data[offset] & 0xFF : 0;
		if (length == 0 || 1 + length > frame.length()) {
			throw new ProtocolException("task frame with a trace field of " + length + " bytes in a payload of "
					+ frame.length() + " bytes", ProtocolException.escape(data, offset, Math.min(frame.length(), SHOWN_BYTES)));
		}
		String traceparent = TraceParent.decode(data, offset + 1, length);
		if (traceparent == null) {
			throw new ProtocolException("task frame with a malformed traceparent (W3C trace context, version 00)",
					ProtocolException.escape(data, offset + 1, Math.min(length, SHOWN_BYTES)));
		}
		return new Frame(frame.type(), data, offset + 1 + length, frame.length() - 1 - length, traceparent);
	}

	private Frame readLarge(FrameType type, int length) throws IOException {
		byte[] payload = new byte[length];
		int buffered = this.limit - this.position - Frame.HEADER_SIZE;
		System.arraycopy(this.buffer, this.position + Frame.HEADER_SIZE, payload, 0, buffered);
		this.position = 0;
		this.limit = 0;
		int filled = buffered;
		while (filled < length) {
			int n = this.in.read(payload, filled, length - filled);
			if (n < 0) {
				throw truncated();
			}
			filled += n;
		}
		return new Frame(type, payload, 0, length);
	}

	/**
	 * Make sure at least {@code count} bytes from the start of the current frame are in
	 * the buffer.
	 * @return {@code false} if the stream ended first
	 */
	private boolean fill(int count) throws IOException {
		if (this.limit - this.position >= count) {
			return true;
		}
		if (this.buffer.length - this.position < count) {
			int kept = this.limit - this.position;
			System.arraycopy(this.buffer, this.position, this.buffer, 0, kept);
			this.position = 0;
			this.limit = kept;
		}
		while (this.limit - this.position < count) {
			int n = this.in.read(this.buffer, this.limit, this.buffer.length - this.limit);
			if (n < 0) {
				return false;
			}
			this.limit += n;
		}
		return true;
	}

	private void checkMagic(int index, byte expected) throws IOException {
		if (this.buffer[this.position + index] != expected) {
			throw broken("bad frame magic");
		}
	}

	private ProtocolException broken(String problem) {
		// Show what the peer wrote: the bytes already here plus whatever is ready to read,
		// without blocking on a peer that may write nothing more.
		try {
			int wanted = SHOWN_BYTES - (this.limit - this.position);
			if (wanted > 0 && this.in.available() > 0) {
				fillAvailable(wanted);
			}
		}
		catch (IOException ex) {
			// show what we have
		}
		int shown = Math.min(SHOWN_BYTES, this.limit - this.position);
		String bytes = ProtocolException.escape(this.buffer, this.position, shown);
		return new ProtocolException(problem, bytes + ((shown == SHOWN_BYTES) ? "..." : ""));
	}

	private void fillAvailable(int wanted) throws IOException {
		if (this.buffer.length - this.limit < wanted) {
			int kept = this.limit - this.position;
			System.arraycopy(this.buffer, this.position, this.buffer, 0, kept);
			this.position = 0;
			this.limit = kept;
		}
		int n = this.in.read(this.buffer, this.limit, Math.min(wanted, this.in.available()));
		if (n > 0) {
			this.limit += n;
		}
	}

	private EOFException truncated() {
		return new EOFException("channel closed inside a frame after "
				+ (this.limit - this.position) + " bytes");
	}

	private static String hex(byte b) {
		return String.format("0x%02x", b & 0xFF);
	}

}
