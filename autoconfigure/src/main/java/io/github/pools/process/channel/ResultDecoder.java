package io.github.pools.process.channel;

import io.github.pools.TaskSerializationException;
import org.jspecify.annotations.Nullable;

/**
 * Turns a worker's answer to a task, a {@link FrameType#RESULT} or
 * {@link FrameType#ERROR} frame, into the task's outcome, on the pool's side.
 * <p>
 * Decoding never throws: whatever the bytes do while they are read (a result refused
 * by the allow-list, a class missing here, a {@code readObject} that throws, even an
 * {@link Error} such as a {@link StackOverflowError} from a deeply recursive one), it
 * becomes the failure of that task alone. The reading thread, which goes on to serve
 * the next task of the same worker, is unharmed: the error was thrown and caught within
 * this call, and the stack it used is unwound.
 */
public final class ResultDecoder {

	private final String poolName;

	private final ObjectCodec codec;

	/**
	 * Create a decoder.
	 * @param poolName the pool, for messages
	 * @param codec the pool's codec, with its allow-list
	 */
	public ResultDecoder(String poolName, ObjectCodec codec) {
		this.poolName = poolName;
		this.codec = codec;
	}

	/**
	 * Decode an answer.
	 * @param frame a {@link FrameType#RESULT} or {@link FrameType#ERROR} frame
	 * @param loader the class loader of the user's code, which resolves the result's
	 * classes
	 * @return the task's outcome
	 */
	public Outcome decode(Frame frame, ClassLoader loader) {
		try {
			if (frame.type() == FrameType.RESULT) {
				return Outcome.value(this.codec.read(frame, loader));
			}
			return Outcome.failure(failureOf(FailureReport.decode(frame)));
		}
		catch (ObjectRefusedException ex) {
			return Outcome.failure(new TaskSerializationException(
					"The result of a task of pool '" + this.poolName + "' was refused: " + ex.getMessage(), ex));
		}
		catch (ClassNotFoundException ex) {
			return Outcome.failure(new TaskSerializationException("The result of a task of pool '" + this.poolName
					+ "' could not be read: class " + ex.getMessage() + " is not on the application's class path", ex));
		}
		catch (Throwable ex) { // IOException, RuntimeException, or an Error from a readObject
			return Outcome.failure(new TaskSerializationException(
					"The result of a task of pool '" + this.poolName + "' could not be read: " + ex, ex));
		}
	}

	private Throwable failureOf(FailureReport report) {
		return switch (report.kind()) {
			case TASK_FAILED -> report.error();
			case TASK_UNREADABLE, RESULT_UNWRITABLE -> new TaskSerializationException(
					"Pool '" + this.poolName + "': " + report.message(), report.error());
			case INIT_FAILED -> new IllegalStateException(report.message(), report.error());
		};
	}

	/**
	 * The outcome of a task: its result, or its failure.
	 *
	 * @param value the result, when {@code failure} is {@code null}
	 * @param failure the failure, or {@code null}
	 */
	public record Outcome(@Nullable Object value, @Nullable Throwable failure) {

		static Outcome value(@Nullable Object value) {
			return new Outcome(value, null);
		}

		static Outcome failure(Throwable failure) {
			return new Outcome(null, failure);
		}

	}

}
