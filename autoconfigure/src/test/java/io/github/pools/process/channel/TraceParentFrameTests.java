package io.github.pools.process.channel;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The W3C {@code traceparent} a task frame carries ahead of the serialized task: how it
 * is formatted, written and read, and how bad bytes there are reported.
 */
class TraceParentFrameTests {

	private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

	@Test
	void tracedTaskFrameCarriesItsTraceparentAheadOfThePayload() throws IOException {
		FrameBuffer buffer = new FrameBuffer(16).traceparent(TRACEPARENT);
		buffer.write(bytes("task"));
		byte[] wire = concat(buffer.finish(FrameType.TASK).toByteArray(), untraced("next"));
		assertThat(wire[3]).isEqualTo(Frame.FLAG_TRACE);
		FrameReader reader = new FrameReader(new ByteArrayInputStream(wire), 1024, false);
		Frame traced = reader.read();
		assertThat(traced.traceparent()).isEqualTo(TRACEPARENT);
		assertThat(text(traced)).isEqualTo("task");
		Frame copy = traced.copy();
		assertThat(copy.traceparent()).isEqualTo(TRACEPARENT);
		assertThat(text(copy)).isEqualTo("task");
		Frame next = reader.read();
		assertThat(next.traceparent()).isNull();
		assertThat(text(next)).isEqualTo("next");
	}

	@Test
	void tracedFrameLargerThanTheReadersBufferKeepsItsTraceparent() throws IOException {
		byte[] large = new byte[40_000];
		Arrays.fill(large, (byte) 'x');
		FrameBuffer buffer = new FrameBuffer(16).traceparent(TRACEPARENT);
		buffer.write(large);
		FrameReader reader = new FrameReader(new ByteArrayInputStream(buffer.finish(FrameType.TASK).toByteArray()),
				1 << 20, false);
		Frame frame = reader.read();
		assertThat(frame.traceparent()).isEqualTo(TRACEPARENT);
		assertThat(frame.length()).isEqualTo(large.length);
	}

	@Test
	void resetBufferWritesAnUntracedFrame() throws IOException {
		FrameBuffer buffer = new FrameBuffer(16).traceparent(TRACEPARENT);
		buffer.reset();
		buffer.write(bytes("plain"));
		byte[] wire = buffer.finish(FrameType.TASK).toByteArray();
		assertThat(wire[3]).isZero();
		Frame frame = new FrameReader(new ByteArrayInputStream(wire), 1024, false).read();
		assertThat(frame.traceparent()).isNull();
		assertThat(text(frame)).isEqualTo("plain");
	}

	@Test
	void onlyAValidTraceparentGoesFirstInATaskFrame() throws IOException {
		assertThatIllegalArgumentException().isThrownBy(() -> new FrameBuffer(16).traceparent("00-abc-def-01"));
		FrameBuffer late = new FrameBuffer(16);
		late.write('x');
		assertThatIllegalStateException().isThrownBy(() -> late.traceparent(TRACEPARENT));
		FrameBuffer result = new FrameBuffer(16).traceparent(TRACEPARENT);
		assertThatIllegalStateException().isThrownBy(() -> result.finish(FrameType.RESULT));
	}

	@Test
	void malformedTraceparentIsAProtocolErrorShowingIt() throws IOException {
		byte[] wire = traced(TRACEPARENT.replace('4', 'X'), "task");
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> new FrameReader(new ByteArrayInputStream(wire), 1024, false).read())
			.withMessageContaining("malformed traceparent")
			.satisfies((ex) -> assertThat(ex.getOffendingBytes()).startsWith("00-Xbf92f35"));
	}

	@Test
	void traceparentWithControlBytesIsAProtocolError() throws IOException {
		byte[] wire = traced(TRACEPARENT.substring(0, 54) + "\n", "task");
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> new FrameReader(new ByteArrayInputStream(wire), 1024, false).read())
			.withMessageContaining("malformed traceparent")
			.satisfies((ex) -> assertThat(ex.getOffendingBytes()).endsWith("-0\\n"));
	}

	@Test
	void traceFieldLongerThanThePayloadIsAProtocolError() throws IOException {
		byte[] wire = untraced("\u0040short");
		wire[3] = Frame.FLAG_TRACE;
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> new FrameReader(new ByteArrayInputStream(wire), 1024, false).read())
			.withMessageContaining("trace field of 64 bytes in a payload of 6 bytes");
	}

	@Test
	void emptyTracedPayloadIsAProtocolError() throws IOException {
		byte[] wire = untraced("");
		wire[3] = Frame.FLAG_TRACE;
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> new FrameReader(new ByteArrayInputStream(wire), 1024, false).read())
			.withMessageContaining("trace field of 0 bytes");
	}

	@Test
	void traceFlagOnAFrameOtherThanATaskIsAProtocolError() throws IOException {
		FrameBuffer buffer = new FrameBuffer(16);
		buffer.write(bytes("value"));
		byte[] wire = buffer.finish(FrameType.RESULT).toByteArray();
		wire[3] = Frame.FLAG_TRACE;
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> new FrameReader(new ByteArrayInputStream(wire), 1024, true).read())
			.withMessageContaining("unknown frame flags 0x01 on a RESULT frame");
	}

	@Test
	void traceparentIsFormattedFromATracersIds() throws IOException {
		assertThat(TraceParent.of("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true))
			.isEqualTo(TRACEPARENT);
		assertThat(TraceParent.of("A3CE929D0E0E4736", "00F067AA0BA902B7", false))
			.isEqualTo("00-0000000000000000a3ce929d0e0e4736-00f067aa0ba902b7-00");
		assertThat(TraceParent.of("00000000000000000000000000000000", "00f067aa0ba902b7", true)).isNull();
		assertThat(TraceParent.of("4bf92f3577b34da6a3ce929d0e0e4736", "0000000000000000", true)).isNull();
		assertThat(TraceParent.of("4bf92f35", "00f067aa0ba902b7", true)).isNull();
		assertThat(TraceParent.of("4bf92f3577b34da6a3ce929d0e0e4736", "xyz", true)).isNull();
	}

	@Test
	void idsAreReadAsTracersPrintThem() throws IOException {
		assertThat(TraceParent.traceId(TRACEPARENT)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(TraceParent.spanId(TRACEPARENT)).isEqualTo("00f067aa0ba902b7");
		assertThat(TraceParent.traceId("00-0000000000000000a3ce929d0e0e4736-00f067aa0ba902b7-00"))
			.isEqualTo("a3ce929d0e0e4736");
	}

	@Test
	void onlyVersion00WithNonZeroIdsIsValid() throws IOException {
		assertThat(TraceParent.isValid(TRACEPARENT)).isTrue();
		assertThat(TraceParent.isValid("ff" + TRACEPARENT.substring(2))).isFalse();
		assertThat(TraceParent.isValid(TRACEPARENT + "-extra")).isFalse();
		assertThat(TraceParent.isValid(TRACEPARENT.toUpperCase())).isFalse();
		assertThat(TraceParent.isValid(TRACEPARENT.replace('-', '_'))).isFalse();
		assertThat(TraceParent.isValid("00-00000000000000000000000000000000-00f067aa0ba902b7-01")).isFalse();
	}

	private static byte[] traced(String traceparent, String payload) throws IOException {
		byte[] field = traceparent.getBytes(StandardCharsets.ISO_8859_1);
		FrameBuffer buffer = new FrameBuffer(16);
		buffer.write(field.length);
		buffer.write(field);
		buffer.write(bytes(payload));
		byte[] wire = buffer.finish(FrameType.TASK).toByteArray();
		wire[3] = Frame.FLAG_TRACE;
		return wire;
	}

	private static byte[] untraced(String payload) throws IOException {
		FrameBuffer buffer = new FrameBuffer(16);
		buffer.write(bytes(payload));
		return buffer.finish(FrameType.TASK).toByteArray();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(Frame frame) {
		return new String(frame.data(), frame.offset(), frame.length(), StandardCharsets.UTF_8);
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] all = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, all, first.length, second.length);
		return all;
	}

}
