package io.github.pools.process.channel;

import java.io.IOException;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Values as the channel writes them, read back, and damaged: what the tests of each
 * compact form share.
 */
final class ChannelBytes {

	private ChannelBytes() {
	}

	/** The payload the codec writes for a value. */
	static byte[] of(Object value) throws IOException {
		FrameBuffer buffer = new FrameBuffer(64);
		ObjectCodec.write(buffer, value);
		return buffer.payload();
	}

	/** Read a payload with the class loader of the tests. */
	static Object read(ObjectCodec codec, byte[] bytes) throws IOException, ClassNotFoundException {
		return codec.read(bytes, 0, bytes.length, ChannelBytes.class.getClassLoader());
	}

	/**
	 * Every truncation and a trailing byte fail with an {@link IOException}, and every
	 * flipped byte either fails with one (or a missing class) or reads something: the
	 * task fails, the channel goes on, and nothing else is thrown.
	 */
	static void assertDamageFailsCleanly(ObjectCodec codec, byte[] bytes) throws Exception {
		for (int length = 1; length < bytes.length; length++) {
			byte[] truncated = Arrays.copyOf(bytes, length);
			assertThatExceptionOfType(IOException.class).as("truncated to %d bytes", length)
				.isThrownBy(() -> read(codec, truncated));
		}
		assertThatExceptionOfType(IOException.class).as("a byte too many")
			.isThrownBy(() -> read(codec, Arrays.copyOf(bytes, bytes.length + 1)));
		for (int i = 1; i < bytes.length; i++) {
			byte[] flipped = bytes.clone();
			flipped[i] ^= 0x5A;
			try {
				read(codec, flipped);
			}
			catch (IOException | ClassNotFoundException ex) {
				// a clean failure
			}
		}
	}

}
