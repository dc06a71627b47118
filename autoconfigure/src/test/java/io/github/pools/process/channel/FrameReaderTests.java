package io.github.pools.process.channel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Frames on the wire: what a reader accepts, and how it reports what it does not.
 */
class FrameReaderTests {

	@Test
	void framesArriveWhole() throws IOException {
		byte[] wire = concat(frame(FrameType.READY, new byte[0]), frame(FrameType.RESULT, bytes("first")),
				frame(FrameType.ERROR, bytes("second")));
		FrameReader reader = new FrameReader(new ByteArrayInputStream(wire), 1024, true);
		assertThat(reader.read().type()).isEqualTo(FrameType.READY);
		assertThat(text(reader.read())).isEqualTo("first");
		Frame error = reader.read();
		assertThat(error.type()).isEqualTo(FrameType.ERROR);
		assertThat(text(error)).isEqualTo("second");
		assertThat(reader.read()).isNull();
	}

	@Test
	void framesArrivingOneByteAtATimeAreReassembled() throws IOException {
		byte[] large = new byte[40_000];
		Arrays.fill(large, (byte) 'x');
		byte[] wire = concat(frame(FrameType.RESULT, bytes("small")), frame(FrameType.RESULT, large),
				frame(FrameType.RESULT, bytes("after")));
		FrameReader reader = new FrameReader(new TrickleInputStream(wire), 1 << 20, true);
		assertThat(text(reader.read())).isEqualTo("small");
		assertThat(reader.read().length()).isEqualTo(large.length);
		assertThat(text(reader.read())).isEqualTo("after");
		assertThat(reader.read()).isNull();
	}

	@Test
	void strayTextIsReportedWithItsFirstBytesEscaped() {
		byte[] wire = "Hello\tworld\n\u00e9".getBytes(StandardCharsets.UTF_8);
		FrameReader reader = new FrameReader(new ByteArrayInputStream(wire), 1024, true);
		assertThatExceptionOfType(ProtocolException.class).isThrownBy(reader::read)
			.withMessageContaining("bad frame magic")
			.satisfies((ex) -> assertThat(ex.getOffendingBytes()).isEqualTo("Hello\\tworld\\n\\xc3\\xa9"));
	}

	@Test
	void unknownFrameTypeIsAProtocolError() {
		byte[] wire = frame(FrameType.RESULT, bytes("x"));
		wire[2] = 99;
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> new FrameReader(new ByteArrayInputStream(wire), 1024, true).read())
			.withMessageContaining("unknown frame type 0x63");
	}

	@Test
	void frameInTheWrongDirectionIsAProtocolError() {
		byte[] wire = frame(FrameType.TASK, bytes("x"));
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> new FrameReader(new ByteArrayInputStream(wire), 1024, true).read())
			.withMessageContaining("wrong direction");
	}

	@Test
	void frameAboveTheLimitIsAProtocolError() {
		byte[] wire = frame(FrameType.RESULT, new byte[2000]);
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> new FrameReader(new ByteArrayInputStream(wire), 1024, true).read())
			.withMessageContaining("exceeds the limit of 1024 bytes");
	}

	@Test
	void channelClosedInsideAFrameIsNotAProtocolError() {
		byte[] frame = frame(FrameType.RESULT, bytes("cut short"));
		byte[] wire = Arrays.copyOf(frame, frame.length - 3);
		assertThatExceptionOfType(EOFException.class)
			.isThrownBy(() -> new FrameReader(new ByteArrayInputStream(wire), 1024, true).read());
	}

	private static byte[] frame(FrameType type, byte[] payload) {
		FrameBuffer buffer = new FrameBuffer(payload.length);
		buffer.write(payload, 0, payload.length);
		return buffer.finish(type).toByteArray();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(Frame frame) {
		return new String(frame.data(), frame.offset(), frame.length(), StandardCharsets.UTF_8);
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	/** Hands out one byte per read, like a slow pipe. */
	private static final class TrickleInputStream extends InputStream {

		private final byte[] bytes;

		private int position;

		TrickleInputStream(byte[] bytes) {
			this.bytes = bytes;
		}

		@Override
		public int read() {
			return (this.position < this.bytes.length) ? this.bytes[this.position++] & 0xFF : -1;
		}

		@Override
		public int read(byte[] b, int off, int len) {
			int next = read();
			if (next < 0) {
				return -1;
			}
			b[off] = (byte) next;
			return 1;
		}

	}

}
