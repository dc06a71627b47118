package io.github.pools.process.channel;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

import org.jspecify.annotations.Nullable;

/**
 * Java serialization for one channel: objects into frames, frames into objects through
 * the pool's {@link ObjectFilters allow-list}, with compact class descriptors (see
 * {@link ClassDescriptors}) and the commonest values written without it (see
 * {@link SmallValues}): both ends must run the same class path, as a pool and its
 * workers do. Thread-safe; each call uses its own streams.
 */
public final class ObjectCodec {

	private final ObjectFilters filters;

	private final ClassDescriptors descriptors = new ClassDescriptors();

	private final LambdaValues lambdas = new LambdaValues();

	private final ChunkValues chunks = new ChunkValues(this.lambdas);

	/**
	 * Create a codec.
	 * @param filters the allow-list and limits applied when reading
	 */
	public ObjectCodec(ObjectFilters filters) {
		this.filters = filters;
	}

	/**
	 * Return the allow-list.
	 * @return the filters
	 */
	public ObjectFilters filters() {
		return this.filters;
	}

	/**
	 * Serialize an object as the payload of a buffer; the caller finishes the frame.
	 * @param buffer the frame being built
	 * @param value the object
	 * @throws NotSerializableException if a class in the object graph is not
	 * serializable; see {@link #describe(NotSerializableException)}
	 * @throws IOException if a custom {@code writeObject} fails
	 */
	public static void write(FrameBuffer buffer, @Nullable Object value) throws IOException {
		if (SmallValues.write(buffer, value) || LambdaValues.write(buffer, value) || PackedBoxes.write(buffer, value)
				|| ChunkValues.write(buffer, value)) {
			return;
		}
		ObjectOutputStream out = new CompactObjectOutputStream(buffer);
		out.writeObject(value);
		out.flush();
	}

	/**
	 * Deserialize the payload of a frame through the allow-list.
	 * @param frame the frame
	 * @param loader the class loader that resolves classes first
	 * @return the object
	 * @throws ObjectRefusedException if the allow-list or a limit refused it
	 * @throws ClassNotFoundException if a class is missing on this side
	 * @throws IOException if the payload is not a valid serialized object
	 */
	public @Nullable Object read(Frame frame, ClassLoader loader) throws IOException, ClassNotFoundException {
		return read(frame.data(), frame.offset(), frame.length(), loader);
	}

	/**
	 * Deserialize bytes through the allow-list.
	 * @param bytes the array
	 * @param offset where the serialized object starts
	 * @param length its length
	 * @param loader the class loader that resolves classes first
	 * @return the object
	 * @throws ObjectRefusedException if the allow-list or a limit refused it
	 * @throws ClassNotFoundException if a class is missing on this side
	 * @throws IOException if the bytes are not a valid serialized object
	 */
	public @Nullable Object read(byte[] bytes, int offset, int length, ClassLoader loader)
			throws IOException, ClassNotFoundException {
		ObjectFilters.RecordingFilter filter = this.filters.newFilter();
		if (length > 0 && SmallValues.isSmall(bytes[offset])) {
			Class<?> type = SmallValues.type(bytes[offset]);
			if (type != null && filter.refuses(type)) {
				throw new ObjectRefusedException(String.valueOf(filter.refusal()),
						new InvalidClassException(type.getName(), "filter status: REJECTED"));
			}
			return SmallValues.read(bytes, offset, length);
		}
		if (length > 0 && bytes[offset] == LambdaValues.TAG) {
			try {
				return this.lambdas.read(bytes, offset, length, loader, this.descriptors, filter);
			}
			catch (InvalidClassException ex) {
				throw refused(filter, ex);
			}
		}
		if (length > 0 && bytes[offset] == PackedBoxes.TAG) {
			try {
				return PackedBoxes.readBody(bytes, offset + 1, offset + length, filter);
			}
			catch (InvalidClassException ex) {
				throw refused(filter, ex);
			}
		}
		if (length > 0 && bytes[offset] == ChunkValues.TAG) {
			try {
				return this.chunks.read(bytes, offset, length, loader, this.descriptors, filter);
			}
			catch (InvalidClassException ex) {
				throw refused(filter, ex);
			}
		}
		try (ObjectInputStream in = new CompactObjectInputStream(new ByteArrayInputStream(bytes, offset, length),
				loader, this.descriptors, filter)) {
			return in.readObject();
		}
		catch (InvalidClassException ex) {
			throw refused(filter, ex);
		}
	}

	private static InvalidClassException refused(ObjectFilters.RecordingFilter filter, InvalidClassException ex) {
		String refusal = filter.refusal();
		return (refusal != null) ? new ObjectRefusedException(refusal, ex) : ex;
	}

	/**
	 * Say which class stopped serialization and why, for an exception message.
	 * @param ex the exception thrown while writing
	 * @return for example {@code class java.lang.Object does not implement
	 * java.io.Serializable}
	 */
	public static String describe(NotSerializableException ex) {
		String name = String.valueOf(ex.getMessage());
		if (name.contains("$$Lambda")) {
			return "a lambda of type " + name + " is not serializable; give it a serializable type such as "
					+ "SerializableCallable or SerializableRunnable";
		}
		return "class " + name + " does not implement java.io.Serializable";
	}

}
