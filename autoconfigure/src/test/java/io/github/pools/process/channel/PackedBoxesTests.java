package io.github.pools.process.channel;

import java.io.IOException;
import java.io.InvalidClassException;
import java.io.InvalidObjectException;
import java.io.StreamCorruptedException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Arrays of boxed numbers cross the channel as primitive arrays and read back equal;
 * everything else crosses as before.
 */
class PackedBoxesTests {

	private final ObjectCodec codec = new ObjectCodec(ObjectFilters.of(List.of(), 64 << 20, 100));

	@Test
	void boxesOfOneTypeReadBackEqual() throws Exception {
		Object[] ints = IntStream.range(-500, 500).boxed().toArray();
		Object[] longs = IntStream.range(0, 10).mapToObj((i) -> Long.MAX_VALUE - i).toArray();
		Object[] doubles = IntStream.range(0, 10).mapToObj((i) -> i / 3.0).toArray();
		doubles[3] = Double.NaN;
		assertThat((Object[]) roundTrip(ints)).containsExactly(ints);
		assertThat((Object[]) roundTrip(longs)).containsExactly(longs);
		assertThat((Object[]) roundTrip(doubles)).containsExactly(doubles);
	}

	@Test
	void aThousandIntegersTakeLessThanHalfTheirBoxedSize() throws IOException {
		Object[] ints = IntStream.range(0, 1000).map((i) -> i * 1000).boxed().toArray();
		assertThat(size(ints)).isLessThan(4_200);
		assertThat(size(new Object[] { ints, "not packed" })).isLessThan(4_300);
	}

	@Test
	void mixedShortOrNullHoldingArraysCrossAsTheyAre() throws Exception {
		Object[] mixed = { 1, 2, 3, 4, 5, 6, 7, 8L };
		Object[] withNull = { 1, 2, 3, 4, 5, 6, 7, null };
		Object[] shortOne = { 1, 2 };
		Object[] strings = { "a", "b", "c", "d", "e", "f", "g", "h" };
		for (Object[] array : List.of(mixed, withNull, shortOne, strings)) {
			assertThat(PackedBoxes.pack(array)).isSameAs(array);
			assertThat((Object[]) roundTrip(array)).containsExactly(array);
		}
	}

	@Test
	void anArraySharedInTheGraphStaysShared() throws Exception {
		Object[] ints = IntStream.range(0, 100).boxed().toArray();
		Object[] copy = (Object[]) roundTrip(new Object[] { ints, ints });
		assertThat(copy[0]).isSameAs(copy[1]);
		assertThat((Object[]) copy[0]).containsExactly(ints);
	}

	@Test
	void packedFormsAReaderWouldNotWriteAreRefused() throws IOException {
		for (Object forged : List.of(new int[PackedBoxes.MAX_LENGTH + 1], "not an array", new char[10])) {
			FrameBuffer buffer = new FrameBuffer(256);
			ObjectCodec.write(buffer, new PackedBoxes(forged));
			byte[] bytes = buffer.payload();
			assertThatExceptionOfType(InvalidObjectException.class)
				.isThrownBy(() -> this.codec.read(bytes, 0, bytes.length, getClass().getClassLoader()))
				.withMessageContaining("int[], long[] or double[] of at most 65536 elements");
		}
	}

	@Test
	void anArrayOfBoxesOnItsOwnCrossesWithoutAnObjectStream() throws Exception {
		Object[] ints = IntStream.range(0, 100).boxed().toArray();
		FrameBuffer buffer = new FrameBuffer(256);
		ObjectCodec.write(buffer, ints);
		assertThat(buffer.payload()[0]).isEqualTo(PackedBoxes.TAG);
		assertThat(buffer.payloadSize()).isEqualTo(1 + 1 + 4 + 4 * 100);
	}

	@Test
	void aPackedArrayDeclaringMoreValuesThanItCarriesIsRefusedBeforeAnythingIsAllocated() throws Exception {
		Object[] ints = IntStream.range(0, 10).boxed().toArray();
		FrameBuffer buffer = new FrameBuffer(256);
		ObjectCodec.write(buffer, ints);
		byte[] bytes = buffer.payload();
		for (int declared : new int[] { 11, PackedBoxes.MAX_LENGTH + 1, Integer.MAX_VALUE, -1 }) {
			byte[] forged = bytes.clone();
			forged[2] = (byte) (declared >>> 24);
			forged[3] = (byte) (declared >>> 16);
			forged[4] = (byte) (declared >>> 8);
			forged[5] = (byte) declared;
			assertThatExceptionOfType(StreamCorruptedException.class).as("declaring %d", declared)
				.isThrownBy(() -> this.codec.read(forged, 0, forged.length, getClass().getClassLoader()))
				.withMessageContaining("declares " + declared + " values in 40 bytes");
		}
		for (int length = 1; length < bytes.length; length++) {
			byte[] truncated = Arrays.copyOf(bytes, length);
			assertThatExceptionOfType(IOException.class).as("truncated to %d bytes", length)
				.isThrownBy(() -> this.codec.read(truncated, 0, truncated.length, getClass().getClassLoader()));
		}
	}

	@Test
	void boxesOfAClassThePoolDeniesAreRefusedNamingIt() throws Exception {
		ObjectCodec denying = new ObjectCodec(ObjectFilters.of(List.of("!java.lang.Long"), 64 << 20, 100));
		Object[] longs = LongStream.range(0, 10).boxed().toArray();
		FrameBuffer buffer = new FrameBuffer(256);
		ObjectCodec.write(buffer, longs);
		byte[] bytes = buffer.payload();
		assertThatExceptionOfType(InvalidClassException.class)
			.isThrownBy(() -> denying.read(bytes, 0, bytes.length, getClass().getClassLoader()))
			.withMessageContaining("java.lang.Long");
	}

	private Object roundTrip(Object value) throws IOException, ClassNotFoundException {
		FrameBuffer buffer = new FrameBuffer(256);
		ObjectCodec.write(buffer, value);
		byte[] bytes = buffer.payload();
		return this.codec.read(bytes, 0, bytes.length, getClass().getClassLoader());
	}

	private static int size(Object value) throws IOException {
		FrameBuffer buffer = new FrameBuffer(256);
		ObjectCodec.write(buffer, value);
		return buffer.payloadSize();
	}

}
