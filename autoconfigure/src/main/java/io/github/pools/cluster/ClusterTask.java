package io.github.pools.cluster;

import java.io.NotSerializableException;
import java.io.Serial;
import java.io.Serializable;
import java.util.concurrent.Callable;

import io.github.pools.process.channel.FailureKind;
import io.github.pools.process.channel.FailureReport;
import io.github.pools.process.channel.FrameBuffer;
import io.github.pools.process.channel.FrameType;
import io.github.pools.process.channel.ObjectCodec;
import io.github.pools.process.channel.ObjectRefusedException;
import org.jspecify.annotations.Nullable;

/**
 * What a cluster pool hands to Hazelcast: the pool's name and the task already
 * serialized. The member that runs it reads the task through its own pool's allow-list
 * ({@link MemberPools}) and answers with bytes too, a result or a failure report in the
 * frame format of process pools, so that Hazelcast itself deserializes nothing of the
 * user's: neither tasks, nor results, nor exceptions.
 */
final class ClusterTask implements Callable<byte[]>, Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String pool;

	private final byte[] payload;

	ClusterTask(String pool, byte[] payload) {
		this.pool = pool;
		this.payload = payload;
	}

	/**
	 * Run the task on this member.
	 * @return a finished {@link FrameType#RESULT} or {@link FrameType#ERROR} frame
	 */
	@Override
	public byte[] call() {
		MemberPools.Entry entry = MemberPools.get(this.pool);
		if (entry == null) {
			String message = "Task could not run: cluster pool '" + this.pool + "' is not declared on this member; "
					+ "every member must declare the cluster pools whose tasks it runs";
			return failure(FailureKind.TASK_UNREADABLE, message, new IllegalStateException(message),
					Long.MAX_VALUE);
		}
		Callable<?> task;
		try {
			task = (Callable<?>) entry.codec().read(this.payload, 0, this.payload.length, entry.loader());
		}
		catch (ObjectRefusedException ex) {
			return failure(FailureKind.TASK_UNREADABLE, "Task was refused by a member: " + ex.getMessage(), ex,
					entry.maxMessageSize());
		}
		catch (Throwable ex) {
			return failure(FailureKind.TASK_UNREADABLE, "Task could not be deserialized on a member: " + ex, ex,
					entry.maxMessageSize());
		}
		Object result;
		try {
			result = (task != null) ? task.call() : null;
		}
		catch (Throwable ex) {
			return failure(FailureKind.TASK_FAILED, null, ex, entry.maxMessageSize());
		}
		finally {
			// an interrupt meant for this task must not reach the member's next one
			Thread.interrupted();
		}
		return result(result, entry.maxMessageSize());
	}

	private static byte[] result(@Nullable Object result, long maxMessageSize) {
		String type = (result != null) ? result.getClass().getName() : "null";
		FrameBuffer buffer = new FrameBuffer(256);
		try {
			ObjectCodec.write(buffer, result);
		}
		catch (NotSerializableException ex) {
			return unwritable("The result of type " + type + " could not be serialized: " + ObjectCodec.describe(ex),
					ex, maxMessageSize);
		}
		catch (Throwable ex) {
			return unwritable("The result of type " + type + " could not be serialized: " + ex, ex, maxMessageSize);
		}
		if (buffer.payloadSize() > maxMessageSize) {
			String message = "The result of type " + type + " is " + buffer.payloadSize()
					+ " bytes serialized, more than max-message-size (" + maxMessageSize + " bytes)";
			return unwritable(message, new IllegalStateException(message), maxMessageSize);
		}
		return buffer.finish(FrameType.RESULT).toByteArray();
	}

	private static byte[] unwritable(String message, Throwable cause, long maxMessageSize) {
		return failure(FailureKind.RESULT_UNWRITABLE, message, cause, maxMessageSize);
	}

	private static byte[] failure(FailureKind kind, @Nullable String message, Throwable error, long maxMessageSize) {
		return FailureReport.encode(kind, message, error, maxMessageSize).toByteArray();
	}

	@Override
	public String toString() {
		return "ClusterTask[pool=" + this.pool + ", " + this.payload.length + " bytes]";
	}

}
