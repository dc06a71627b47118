package io.github.pools.process.channel;

import java.io.IOException;
import java.io.InvalidClassException;
import java.util.List;
import java.util.stream.IntStream;

import io.github.pools.SerializableFunction;
import io.github.pools.internal.RemoteChunk;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A {@code map} chunk of a function capturing small values over boxed numbers crosses
 * without an object stream, reads back as a chunk that computes the same, under the
 * same allow-list as in Java serialization; any other chunk crosses as before.
 */
class ChunkValuesTests {

	private static final byte JAVA_SERIALIZATION = (byte) 0xAC;

	private static final List<String> THIS_PACKAGE = List.of("io.github.pools.process.channel.*");

	private final ObjectCodec codec = new ObjectCodec(ObjectFilters.of(THIS_PACKAGE, 64 << 20, 100));

	@Test
	void chunkOfACapturingFunctionOverBoxesCrossesInItsOwnFormAndComputesTheSame() throws Exception {
		int offset = 7;
		SerializableFunction<Object, Object> plus = (v) -> (Integer) v + offset;
		Object[] items = IntStream.range(0, 1000).boxed().toArray();
		byte[] bytes = bytes(new RemoteChunk(plus, items, plus));
		assertThat(bytes[0]).isEqualTo(ChunkValues.TAG);
		RemoteChunk read = (RemoteChunk) read(this.codec, bytes);
		assertThat(read.call()).containsExactly(IntStream.range(7, 1007).boxed().toArray());
		Object[] results = read.call();
		byte[] answer = bytes(results);
		assertThat(answer[0]).as("its results cross packed too").isEqualTo(PackedBoxes.TAG);
		assertThat((Object[]) read(this.codec, answer)).containsExactly(results);
	}

	@Test
	void chunksWithoutACompactFunctionOrItemsCrossThroughJavaSerialization() throws Exception {
		List<Integer> captured = List.of(1, 2);
		SerializableFunction<Object, Object> plusList = (v) -> (Integer) v + captured.size();
		SerializableFunction<Object, Object> same = (v) -> v;
		Object[] boxes = IntStream.range(0, 10).boxed().toArray();
		Object[] strings = { "a", "b", "c", "d", "e", "f", "g", "h" };
		for (RemoteChunk chunk : List.of(new RemoteChunk(plusList, boxes, plusList),
				new RemoteChunk(same, strings, same))) {
			byte[] bytes = bytes(chunk);
			assertThat(bytes[0]).as("written from the start again after the lambda form declined")
				.isEqualTo(JAVA_SERIALIZATION);
			assertThat(((RemoteChunk) read(this.codec, bytes)).call()).containsExactly(chunk.call());
		}
	}

	@Test
	void theAllowListDecidesAsForJavaSerializationAndRefusesTheBoxesAPoolDenies() throws Exception {
		String suffix = "x";
		SerializableFunction<Object, Object> plus = (v) -> (Integer) v + suffix.length();
		byte[] bytes = bytes(new RemoteChunk(plus, IntStream.range(0, 10).boxed().toArray(), plus));
		assertThat(bytes[0]).isEqualTo(ChunkValues.TAG);
		for (String denied : List.of(RemoteChunk.class.getName(), PackedBoxes.class.getName(), "java.lang.Integer",
				getClass().getName())) {
			ObjectCodec denying = new ObjectCodec(ObjectFilters.of(List.of("!" + denied, THIS_PACKAGE.get(0)),
					64 << 20, 100));
			assertThatExceptionOfType(InvalidClassException.class).as(denied)
				.isThrownBy(() -> read(denying, bytes))
				.withMessageContaining(denied.substring(denied.lastIndexOf('.') + 1));
		}
	}

	@Test
	void aChunkThatFallsBackLeavesTheTaskFramesTraceContextInFront() throws Exception {
		List<Integer> captured = List.of(1, 2);
		SerializableFunction<Object, Object> plusList = (v) -> (Integer) v + captured.size();
		String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
		FrameBuffer buffer = new FrameBuffer(64).traceparent(traceparent);
		int prefix = buffer.payloadSize();
		ObjectCodec.write(buffer, new RemoteChunk(plusList, IntStream.range(0, 10).boxed().toArray(), plusList));
		byte[] payload = buffer.payload();
		assertThat(new String(payload, 1, traceparent.length(), java.nio.charset.StandardCharsets.ISO_8859_1))
			.isEqualTo(traceparent);
		assertThat(payload[prefix]).isEqualTo(JAVA_SERIALIZATION);
		Object read = this.codec.read(payload, prefix, payload.length - prefix, getClass().getClassLoader());
		assertThat(((RemoteChunk) read).call()).containsExactly(IntStream.range(2, 12).boxed().toArray());
	}

	@Test
	void shortChunksAndTheirResultsCrossInTheirOwnFormsToo() throws Exception {
		int offset = 1;
		SerializableFunction<Object, Object> plus = (v) -> (Integer) v + offset;
		byte[] bytes = bytes(new RemoteChunk(plus, new Object[] { 41 }, plus));
		assertThat(bytes[0]).isEqualTo(ChunkValues.TAG);
		Object[] results = ((RemoteChunk) read(this.codec, bytes)).call();
		assertThat(results).containsExactly(42);
		assertThat(bytes(results)[0]).isEqualTo(PackedBoxes.TAG);
		assertThat(bytes(new Object[0])[0]).as("an empty array has no box type").isEqualTo(JAVA_SERIALIZATION);
	}

	@Test
	void everyTruncationOrTrailingByteIsAnIOExceptionAndNoFlippedByteBreaksTheReader() throws Exception {
		int offset = 3;
		SerializableFunction<Object, Object> plus = (v) -> (Integer) v + offset;
		ChannelBytes.assertDamageFailsCleanly(this.codec,
				bytes(new RemoteChunk(plus, IntStream.range(0, 8).boxed().toArray(), plus)));
	}

	private static byte[] bytes(Object value) throws IOException {
		return ChannelBytes.of(value);
	}

	private static Object read(ObjectCodec codec, byte[] bytes) throws IOException, ClassNotFoundException {
		return ChannelBytes.read(codec, bytes);
	}

}
