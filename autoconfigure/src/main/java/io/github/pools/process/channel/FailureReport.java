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
	 * Build an error frame, with less detail if the full report would exceed the limit.
	 * @param kind what failed
	 * @param message an explanation, or {@code null}
	 * @param error the exception
	 * @param maxPayload the largest payload the pool accepts
	 * @return the finished frame
	 */
	public static FrameBuffer encode(FailureKind kind, @Nullable String message, Throwable error, long maxPayload) {
		RemoteError.Detail[] details = RemoteError.Detail.values();
		FrameBuffer frame = encode(kind, message, error, details[0]);
		for (int i = 1; i < details.length && frame.payloadSize() > maxPayload; i++) {
			frame = encode(kind, message, error, details[i]);
		}
		return frame.finish(FrameType.ERROR);
	}

	private static FrameBuffer encode(FailureKind kind, @Nullable String message, Throwable error,
			RemoteError.Detail detail) {
		FrameBuffer frame = new FrameBuffer(1024);
		WireOutput out = new WireOutput(frame);
		out.writeByte(kind.code());
		// the pool's explanations are short, but one can quote a long exception message
		out.writeString((message != null && detail != RemoteError.Detail.FULL && message.length() > 1000)
				? message.substring(0, 1000) + "... (truncated)" : message);
		RemoteError.write(out, error, detail);
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
