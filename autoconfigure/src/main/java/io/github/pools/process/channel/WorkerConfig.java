package io.github.pools.process.channel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The payload of the {@link FrameType#CONFIG} frame, the first thing a worker reads: who
 * it is, its allow-list and limits, and its serialized initializer and finalizer.
 * Settings travel here rather than on the command line, which stays short and the same
 * for every worker of a pool.
 *
 * @param protocolVersion the version of this wire format; a worker refuses another
 * @param poolName the pool's name
 * @param workerId the pool-local id of the worker
 * @param allowedClasses the pool's extra allow-list patterns
 * @param maxMessageSize the largest payload in either direction
 * @param maxObjectDepth the deepest object graph allowed
 * @param initializer the serialized initializer, or {@code null}
 * @param finalizer the serialized finalizer, or {@code null}
 */
public record WorkerConfig(int protocolVersion, String poolName, int workerId, List<String> allowedClasses,
		long maxMessageSize, int maxObjectDepth, byte @Nullable [] initializer, byte @Nullable [] finalizer) {

	/** The version of the wire format built by this code. */
	public static final int PROTOCOL_VERSION = 1;

	/**
	 * Create a new instance, copying the patterns.
	 */
	public WorkerConfig {
		allowedClasses = List.copyOf(allowedClasses);
	}

	/**
	 * Build the frame.
	 * @return the finished frame
	 */
	public FrameBuffer encode() {
		FrameBuffer frame = new FrameBuffer(256 + length(this.initializer) + length(this.finalizer));
		WireOutput out = new WireOutput(frame);
		out.writeInt(this.protocolVersion);
		out.writeString(this.poolName);
		out.writeInt(this.workerId);
		out.writeInt(this.allowedClasses.size());
		for (String pattern : this.allowedClasses) {
			out.writeString(pattern);
		}
		out.writeLong(this.maxMessageSize);
		out.writeInt(this.maxObjectDepth);
		out.writeBytes(this.initializer);
		out.writeBytes(this.finalizer);
		return frame.finish(FrameType.CONFIG);
	}

	private static int length(byte @Nullable [] bytes) {
		return (bytes != null) ? bytes.length : 0;
	}

	/**
	 * Read the frame.
	 * @param frame a {@link FrameType#CONFIG} frame
	 * @return the configuration
	 * @throws IOException if the payload is malformed
	 */
	public static WorkerConfig decode(Frame frame) throws IOException {
		WireInput in = new WireInput(frame);
		int version = in.readInt();
		String poolName = in.readRequiredString();
		int workerId = in.readInt();
		int patternCount = in.readCount(4);
		List<String> patterns = new ArrayList<>(patternCount);
		for (int i = 0; i < patternCount; i++) {
			patterns.add(in.readRequiredString());
		}
		long maxMessageSize = in.readLong();
		int maxObjectDepth = in.readInt();
		return new WorkerConfig(version, poolName, workerId, patterns, maxMessageSize, maxObjectDepth, in.readBytes(),
				in.readBytes());
	}

}
