package io.github.pools.process.channel;

import java.io.IOException;
import java.io.StreamCorruptedException;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The commonest results cross without Java serialization, intact, and still through
 * the allow-list.
 */
class SmallValuesTests {

	private final ObjectCodec codec = new ObjectCodec(ObjectFilters.of(List.of(), 64 << 20, 100));

	@Test
	void smallValuesReadBackEqual() throws Exception {
		String unpairedSurrogate = "a\uD800b";
		String longest = "x".repeat(SmallValues.MAX_STRING_LENGTH);
		List<Object> values = Arrays.asList(null, 0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, Long.MIN_VALUE, 42L,
				Double.NaN, -0.0, Double.MAX_VALUE, true, false, "", "héllo ✓", unpairedSurrogate, longest);
		for (Object value : values) {
			byte[] bytes = bytes(value);
			assertThat(SmallValues.isSmall(bytes[0])).as("%s is small", value).isTrue();
			assertThat(read(this.codec, bytes)).isEqualTo(value);
		}
		assertThat(bytes(42)).hasSize(5);
	}

	@Test
	void otherValuesGoThroughJavaSerialization() throws Exception {
		for (Object value : List.of("x".repeat(SmallValues.MAX_STRING_LENGTH + 1), (short) 3, 'c', List.of(1))) {
			byte[] bytes = bytes(value);
			assertThat(bytes[0]).isEqualTo((byte) 0xAC);
			assertThat(read(this.codec, bytes)).isEqualTo(value);
		}
	}

	@Test
	void smallValueOfAClassThePoolDeniesIsRefused() throws Exception {
		ObjectCodec denying = new ObjectCodec(ObjectFilters.of(List.of("!java.lang.Integer"), 64 << 20, 100));
		byte[] bytes = bytes(7);
		assertThatExceptionOfType(ObjectRefusedException.class).isThrownBy(() -> read(denying, bytes))
			.withMessageContaining("java.lang.Integer");
		assertThat(read(denying, bytes(7L))).isEqualTo(7L);
	}

	@Test
	void smallValueOfTheWrongLengthIsACorruptStream() throws IOException {
		byte[] integer = bytes(7);
		byte[] truncated = Arrays.copyOf(integer, 3);
		byte[] oddString = Arrays.copyOf(bytes("ab"), 4);
		for (byte[] bytes : List.of(truncated, oddString)) {
			assertThatExceptionOfType(StreamCorruptedException.class).isThrownBy(() -> read(this.codec, bytes))
				.withMessageContaining("cannot be");
		}
	}

	private static byte[] bytes(Object value) throws IOException {
		return ChannelBytes.of(value);
	}

	private static Object read(ObjectCodec codec, byte[] bytes) throws IOException, ClassNotFoundException {
		return ChannelBytes.read(codec, bytes);
	}

}
