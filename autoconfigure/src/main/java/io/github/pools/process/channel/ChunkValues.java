package io.github.pools.process.channel;

import java.io.IOException;
import java.io.InvalidClassException;
import java.io.StreamCorruptedException;

import io.github.pools.SerializableFunction;
import io.github.pools.internal.RemoteChunk;
import org.jspecify.annotations.Nullable;

/**
 * A chunk of {@code map} as it crosses the channel when both its parts have compact
 * forms: a function that {@link LambdaValues} writes (a lambda that captures only small
 * values) and items that {@link PackedBoxes} packs. The tag, the function's length in
 * four bytes, the function, then the packed items; no object stream at all, so a fresh
 * worker reads its first chunks without Java serialization's machinery. Any other chunk
 * crosses through Java serialization.
 * <p>
 * The reader applies the allow-list as Java serialization would: to the chunk's class,
 * to everything the lambda form checks, and to the items as {@link PackedBoxes} does.
 */
final class ChunkValues {

	/** The tag of a chunk in this form, standing alone in a frame. */
	static final byte TAG = 10;

	private final LambdaValues lambdas;

	ChunkValues(LambdaValues lambdas) {
		this.lambdas = lambdas;
	}

	/**
	 * Write a chunk if both its parts have compact forms.
	 * @param buffer the frame being built
	 * @param value the value
	 * @return whether it was written; if not, nothing was
	 * @throws IOException if the function's {@code writeReplace} fails
	 */
	static boolean write(FrameBuffer buffer, Object value) throws IOException {
		if (value.getClass() != RemoteChunk.class) {
			return false;
		}
		RemoteChunk chunk = (RemoteChunk) value;
		Object[] items = chunk.items();
		Class<?> boxType = PackedBoxes.boxType(items);
		if (boxType == null) {
			return false;
		}
		int start = buffer.payloadSize();
		buffer.write(TAG);
		buffer.writeInt(0); // the function's length, set once written
		int functionStart = buffer.payloadSize();
		if (!LambdaValues.write(buffer, chunk.function())) {
			buffer.truncate(start);
			return false;
		}
		buffer.setInt(start + 1, buffer.payloadSize() - functionStart);
		PackedBoxes.writeBody(buffer, items, boxType);
		return true;
	}

	/**
	 * Read a chunk written by {@link #write}.
	 * @param bytes the array
	 * @param offset where the tag is
	 * @param length the length of the whole value
	 * @param loader the class loader that resolves the function's capturing class
	 * @param descriptors the codec's resolved classes
	 * @param filter the allow-list
	 * @return the chunk
	 * @throws InvalidClassException if the allow-list refuses a class (its refusal is
	 * recorded in the filter)
	 * @throws ClassNotFoundException if the function's capturing class is missing here
	 * @throws IOException if the bytes are not such a chunk
	 */
	@SuppressWarnings("unchecked")
	RemoteChunk read(byte[] bytes, int offset, int length, ClassLoader loader, ClassDescriptors descriptors,
			ObjectFilters.RecordingFilter filter) throws IOException, ClassNotFoundException {
		if (filter.refuses(RemoteChunk.class)) {
			throw new InvalidClassException(RemoteChunk.class.getName(), "filter status: REJECTED");
		}
		int end = offset + length;
		check(length >= 5, "it ends early");
		int functionLength = WireInput.readInt(bytes, offset + 1);
		int functionStart = offset + 5;
		check(functionLength > 0 && functionLength <= end - functionStart
				&& bytes[functionStart] == LambdaValues.TAG, "its function is not a lambda value");
		@Nullable Object function = this.lambdas.read(bytes, functionStart, functionLength, loader, descriptors,
				filter);
		check(function instanceof SerializableFunction, "its function is not a SerializableFunction");
		Object[] items = PackedBoxes.readBody(bytes, functionStart + functionLength, end, filter);
		return RemoteChunk.received((SerializableFunction<Object, Object>) function, items);
	}

	private static void check(boolean valid, String problem) throws StreamCorruptedException {
		if (!valid) {
			throw new StreamCorruptedException("invalid chunk value: " + problem);
		}
	}

}
