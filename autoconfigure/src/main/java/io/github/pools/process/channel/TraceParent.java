package io.github.pools.process.channel;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The W3C trace context header {@code traceparent}, version {@code 00}, as a task frame
 * carries it to the worker: {@code 00-<trace-id>-<parent-id>-<flags>}, 32, 16 and 2
 * lowercase hexadecimal digits, 55 characters in all.
 *
 * @see <a href="https://www.w3.org/TR/trace-context/#traceparent-header">W3C Trace
 * Context</a>
 */
public final class TraceParent {

	/**
	 * Starts the line a worker writes to its standard error before and after a traced
	 * task: followed by the task's {@code traceparent} before it, by {@code -} after it.
	 * The pool's log of the worker's output prefixes the lines in between with the
	 * task's ids, and does not log the markers.
	 */
	public static final String OUTPUT_MARKER = "\u001Epools-trace ";

	/** Characters in a version {@code 00} {@code traceparent}. */
	public static final int LENGTH = 55;

	private static final int TRACE_ID = 3;

	private static final int PARENT_ID = 36;

	private static final int FLAGS = 53;

	private TraceParent() {
	}

	/**
	 * Format a {@code traceparent} from a tracer's ids. A 64-bit trace id (16 digits) is
	 * padded with zeros to 128 bits, as the W3C format asks.
	 * @param traceId the trace id, 16 or 32 hexadecimal digits
	 * @param spanId the id of the span that is the parent of what the worker does, 16
	 * hexadecimal digits
	 * @param sampled whether the trace is sampled
	 * @return the {@code traceparent}, or {@code null} if an id is not of that form or all
	 * zeros (an invalid or no-op context)
	 */
	public static @Nullable String of(String traceId, String spanId, boolean sampled) {
		if (traceId.length() != 16 && traceId.length() != 32) {
			return null;
		}
		StringBuilder text = new StringBuilder(LENGTH).append("00-");
		if (traceId.length() == 16) {
			text.append("0000000000000000");
		}
		text.append(traceId).append('-').append(spanId).append('-').append(sampled ? "01" : "00");
		String traceparent = text.toString().toLowerCase(Locale.ROOT);
		return isValid(traceparent) ? traceparent : null;
	}

	/**
	 * Return whether a text is a version {@code 00} {@code traceparent} with a non-zero
	 * trace id and parent id.
	 * @param text the text
	 * @return {@code true} if it is valid
	 */
	public static boolean isValid(CharSequence text) {
		if (text.length() != LENGTH || text.charAt(0) != '0' || text.charAt(1) != '0' || text.charAt(2) != '-'
				|| text.charAt(PARENT_ID - 1) != '-' || text.charAt(FLAGS - 1) != '-') {
			return false;
		}
		return hex(text, TRACE_ID, 32) && hex(text, PARENT_ID, 16) && hex(text, FLAGS, 2)
				&& !zeros(text, TRACE_ID, 32) && !zeros(text, PARENT_ID, 16);
	}

	/**
	 * Read a {@code traceparent} from ASCII bytes.
	 * @param bytes the array
	 * @param offset the first byte
	 * @param length how many bytes
	 * @return the {@code traceparent}, or {@code null} if the bytes are not a valid one
	 */
	static @Nullable String decode(byte[] bytes, int offset, int length) {
		if (length != LENGTH) {
			return null;
		}
		char[] chars = new char[length];
		for (int i = 0; i < length; i++) {
			byte b = bytes[offset + i];
			if (b < 0x20 || b >= 0x7F) {
				return null;
			}
			chars[i] = (char) b;
		}
		String text = new String(chars);
		return isValid(text) ? text : null;
	}

	/**
	 * Return the trace id as tracers print it in logs: the 32 digits, or the last 16
	 * when the first 16 are zeros (a 64-bit trace id, as Brave prints it).
	 * @param traceparent a valid {@code traceparent}
	 * @return the trace id
	 */
	public static String traceId(String traceparent) {
		return zeros(traceparent, TRACE_ID, 16) ? traceparent.substring(TRACE_ID + 16, TRACE_ID + 32)
				: traceparent.substring(TRACE_ID, TRACE_ID + 32);
	}

	/**
	 * Return the parent id: the span the worker's work belongs to.
	 * @param traceparent a valid {@code traceparent}
	 * @return the span id, 16 digits
	 */
	public static String spanId(String traceparent) {
		return traceparent.substring(PARENT_ID, PARENT_ID + 16);
	}

	private static boolean hex(CharSequence text, int from, int count) {
		for (int i = from; i < from + count; i++) {
			char c = text.charAt(i);
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
				return false;
			}
		}
		return true;
	}

	private static boolean zeros(CharSequence text, int from, int count) {
		for (int i = from; i < from + count; i++) {
			if (text.charAt(i) != '0') {
				return false;
			}
		}
		return true;
	}

}
