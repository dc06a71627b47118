package io.github.pools.process.channel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The limits of the deserialization filter: what a stream may make the reader
 * allocate, whatever it carries.
 */
class ObjectFiltersTests {

	private static final long MAX_BYTES = 64L * 1024 * 1024;

	private final ObjectCodec codec = new ObjectCodec(ObjectFilters.of(List.of(), MAX_BYTES, 100));

	@Test
	void primitiveArrayLongerThanTheMessageCouldHoldIsRefusedBeforeItIsAllocated() {
		byte[] forged = withLength(serialize(new long[0]), 0x7FFFFFF0);
		assertThat(forged.length).isLessThan(64);
		assertThatExceptionOfType(ObjectRefusedException.class).isThrownBy(() -> read(this.codec, forged))
			.withMessage("the stream declares an array of 2147483632 long, 17179869056 bytes in memory, "
					+ "more than max-message-size (67108864 bytes)");
	}

	@Test
	void referenceArrayCountsFourBytesPerElement() {
		int tooLong = (int) (MAX_BYTES / 4) + 1;
		byte[] forged = withLength(serialize(new String[0]), tooLong);
		assertThatExceptionOfType(ObjectRefusedException.class).isThrownBy(() -> read(this.codec, forged))
			.withMessageContaining("array of " + tooLong + " java.lang.String")
			.withMessageContaining("max-message-size");
		byte[] declaredOnly = withLength(serialize(new byte[0]), tooLong);
		// Within the limit: the reader then finds the stream too short, not too large.
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> read(this.codec, declaredOnly))
			.isNotInstanceOf(ObjectRefusedException.class);
	}

	@Test
	void arraysThatFitPass() throws Exception {
		ObjectCodec small = new ObjectCodec(ObjectFilters.of(List.of(), 4096, 100));
		assertThat((long[]) read(small, serialize(new long[500]))).hasSize(500);
		assertThat((String[]) read(small, serialize(new String[] { "a", "b" }))).containsExactly("a", "b");
	}

	@Test
	void streamWithMoreReferencesThanItsSizeAllowsIsRefused() {
		ObjectCodec small = new ObjectCodec(ObjectFilters.of(List.of(), 4096, 100));
		Object[] nulls = new Object[100];
		for (int i = 0; i < nulls.length; i++) {
			nulls[i] = new Object[10];
		}
		byte[] stream = serialize(nulls);
		assertThat(stream.length).isLessThan(4096);
		assertThatExceptionOfType(ObjectRefusedException.class).isThrownBy(() -> read(small, stream))
			.withMessage("the stream holds more than 1024 object references, one per 4 bytes of max-message-size "
					+ "(4096 bytes)");
	}

	@Test
	void graphDeeperThanTheLimitIsRefusedAsTooDeepNotAsAClass() {
		List<Object> root = new ArrayList<>();
		List<Object> list = root;
		for (int i = 0; i < 150; i++) {
			List<Object> inner = new ArrayList<>();
			list.add(inner);
			list = inner;
		}
		byte[] stream = serialize(root);
		assertThatExceptionOfType(ObjectRefusedException.class).isThrownBy(() -> read(this.codec, stream))
			.withMessage("the object graph is deeper than max-object-depth (100)");
	}

	private static Object read(ObjectCodec codec, byte[] stream) throws IOException, ClassNotFoundException {
		return codec.read(stream, 0, stream.length, ObjectFiltersTests.class.getClassLoader());
	}

	private static byte[] serialize(Object value) {
		FrameBuffer buffer = new FrameBuffer(256);
		try {
			ObjectCodec.write(buffer, value);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return buffer.payload();
	}

	/** The stream of an empty array ends with its length: declare another. */
	private static byte[] withLength(byte[] emptyArray, int length) {
		ByteBuffer.wrap(emptyArray).putInt(emptyArray.length - 4, length);
		return emptyArray;
	}

}
