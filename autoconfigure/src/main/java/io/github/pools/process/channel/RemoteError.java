package io.github.pools.process.channel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import io.github.pools.RemoteTaskException;
import org.jspecify.annotations.Nullable;

/**
 * Carries an exception from a worker to the pool as data: class name, message, stack
 * frames, suppressed exceptions and the cause chain. The pool rebuilds it as a
 * {@link RemoteTaskException}; no {@link Throwable} is ever deserialized, so a worker
 * cannot make the pool instantiate an arbitrary class.
 * <p>
 * Encoding per exception: class name, message, frames (class, method, file, line,
 * class loader, module, module version), suppressed exceptions, then a flag and the
 * cause. Nesting stops at {@value #MAX_NESTING} levels and at cycles.
 */
public final class RemoteError {

	/** Deepest nesting of causes and suppressed exceptions that is carried. */
	static final int MAX_NESTING = 32;

	private RemoteError() {
	}

	/**
	 * How much of an exception to carry: everything, or less when the report must fit
	 * a small {@code max-message-size}.
	 */
	public enum Detail {

		/** Up to 1024 frames per exception, whole messages, suppressed exceptions, deep causes. */
		FULL(1024, Integer.MAX_VALUE, MAX_NESTING, true),

		/** 32 frames, messages cut at 2000 characters, no suppressed exceptions, 4 causes. */
		COMPACT(32, 2000, 4, false),

		/** No frames, the message cut at 200 characters, no cause. */
		MINIMAL(0, 200, 1, false);

		private final int frames;

		private final int messageChars;

		private final int nesting;

		private final boolean suppressed;

		Detail(int frames, int messageChars, int nesting, boolean suppressed) {
			this.frames = frames;
			this.messageChars = messageChars;
			this.nesting = nesting;
			this.suppressed = suppressed;
		}

	}

	/**
	 * Write an exception.
	 * @param out the payload being built
	 * @param error the exception
	 * @param detail how much of it to write
	 */
	public static void write(WireOutput out, Throwable error, Detail detail) {
		write(out, error, detail, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
	}

	private static void write(WireOutput out, Throwable error, Detail detail, Set<Throwable> seen, int nesting) {
		seen.add(error);
		out.writeString(error.getClass().getName());
		out.writeString(limit(message(error), detail.messageChars));
		StackTraceElement[] frames = error.getStackTrace();
		int frameCount = Math.min(frames.length, detail.frames);
		out.writeInt(frameCount);
		for (int i = 0; i < frameCount; i++) {
			StackTraceElement frame = frames[i];
			out.writeString(frame.getClassName());
			out.writeString(frame.getMethodName());
			out.writeString(frame.getFileName());
			out.writeInt(frame.getLineNumber());
			out.writeString(frame.getClassLoaderName());
			out.writeString(frame.getModuleName());
			out.writeString(frame.getModuleVersion());
		}
		List<Throwable> suppressed = new ArrayList<>();
		if (detail.suppressed && nesting + 1 < detail.nesting) {
			for (Throwable each : error.getSuppressed()) {
				if (!seen.contains(each)) {
					suppressed.add(each);
				}
			}
		}
		out.writeInt(suppressed.size());
		for (Throwable each : suppressed) {
			write(out, each, detail, seen, nesting + 1);
		}
		Throwable cause = error.getCause();
		if (cause != null && !seen.contains(cause) && nesting + 1 < detail.nesting) {
			out.writeByte(1);
			write(out, cause, detail, seen, nesting + 1);
		}
		else {
			out.writeByte(0);
		}
	}

	private static @Nullable String message(Throwable error) {
		try {
			return error.getMessage();
		}
		catch (RuntimeException ex) {
			// a getMessage() override that fails must not hide the original failure
			return "(getMessage() failed: " + ex + ")";
		}
	}

	private static @Nullable String limit(@Nullable String message, int chars) {
		if (message == null || message.length() <= chars) {
			return message;
		}
		return message.substring(0, chars) + "... (truncated)";
	}

	/**
	 * Read an exception written by {@link #write(WireOutput, Throwable, Detail)}.
	 * @param in the payload
	 * @return the exception, rebuilt with its cause chain
	 * @throws IOException if the payload is malformed
	 */
	public static RemoteTaskException read(WireInput in) throws IOException {
		return read(in, 0);
	}

	private static RemoteTaskException read(WireInput in, int nesting) throws IOException {
		if (nesting >= MAX_NESTING) {
			throw new IOException("Malformed payload: exceptions nested too deeply");
		}
		String className = in.readRequiredString();
		String message = in.readString();
		int frameCount = in.readCount(24);
		StackTraceElement[] frames = new StackTraceElement[frameCount];
		for (int i = 0; i < frameCount; i++) {
			String declaringClass = in.readRequiredString();
			String methodName = in.readRequiredString();
			String fileName = in.readString();
			int lineNumber = in.readInt();
			String classLoaderName = in.readString();
			String moduleName = in.readString();
			String moduleVersion = in.readString();
			frames[i] = new StackTraceElement(classLoaderName, moduleName, moduleVersion, declaringClass, methodName,
					fileName, lineNumber);
		}
		int suppressedCount = in.readCount(13);
		List<RemoteTaskException> suppressed = new ArrayList<>(suppressedCount);
		for (int i = 0; i < suppressedCount; i++) {
			suppressed.add(read(in, nesting + 1));
		}
		RemoteTaskException cause = (in.readByte() != 0) ? read(in, nesting + 1) : null;
		RemoteTaskException error = new RemoteTaskException(className, message, frames, cause);
		suppressed.forEach(error::addSuppressed);
		return error;
	}

}
