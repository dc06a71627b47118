package io.github.pools.process.channel;

import java.io.IOException;

import io.github.pools.RemoteTaskException;
import org.jspecify.annotations.Nullable;

/**
 * The payload of an {@link FrameType#ERROR} frame: what failed, an optional explanation
 * written by the worker, and the exception as data.
 *
 * @param kind what failed
 * @param message the worker's explanation, for example which class the allow-list
 * refused, or {@code null} when the exception says it all
 * @param error the exception, rebuilt on the pool side
 */
public record FailureReport(FailureKind kind, @Nullable String message, RemoteTaskException error) {

	/**
	 * Build an error frame, made compact if the full report would exceed the limit.
	 * @param kind what failed
	 * @param message an explanation, or {@code null}
	 * @param error the exception
	 * @param maxPayload the largest payload the pool accepts
	 * @return the finished frame
	 */
	public static FrameBuffer encode(FailureKind kind, @Nullable String message, Throwable error, long maxPayload) {
		FrameBuffer frame = encode(kind, message, error, false);
		if (frame.payloadSize() > maxPayload) {
			frame = encode(kind, message, error, true);
		}
		return frame.finish(FrameType.ERROR);
	}

	private static FrameBuffer encode(FailureKind kind, @Nullable String message, Throwable error, boolean compact) {
		FrameBuffer frame = new FrameBuffer(1024);
		WireOutput out = new WireOutput(frame);
		out.writeByte(kind.code());
		out.writeString(message);
		RemoteError.write(out, error, compact);
		return frame;
	}

	/**
	 * Read the payload of an error frame.
	 * @param frame the frame
	 * @return the report
	 * @throws IOException if the payload is malformed
	 */
	public static FailureReport decode(Frame frame) throws IOException {
		WireInput in = new WireInput(frame);
		int code = in.readByte();
		FailureKind kind = FailureKind.of(code);
		if (kind == null) {
			throw new IOException("Malformed payload: unknown failure kind " + code);
		}
		String message = in.readString();
		return new FailureReport(kind, message, RemoteError.read(in));
	}

}
