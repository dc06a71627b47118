package io.github.pools.process;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.github.pools.process.channel.TraceParent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WorkerOutput}: the lines a worker prints during a traced task are
 * logged with the task's ids.
 */
class WorkerOutputTests {

	private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

	private final WorkerOutput output = new WorkerOutput("render#2", InputStream.nullInputStream());

	@Test
	void linesBetweenTraceMarkersCarryTheTasksIds() {
		assertThat(this.output.logLine("starting")).isEqualTo("[render#2] starting");
		assertThat(this.output.logLine(TraceParent.OUTPUT_MARKER + TRACEPARENT)).isNull();
		assertThat(this.output.logLine("rendering page 1"))
			.isEqualTo("[render#2 trace=4bf92f3577b34da6a3ce929d0e0e4736 span=00f067aa0ba902b7] rendering page 1");
		assertThat(this.output.logLine(TraceParent.OUTPUT_MARKER + "-")).isNull();
		assertThat(this.output.logLine("idle")).isEqualTo("[render#2] idle");
		assertThat(this.output.tail()).containsExactly("starting", "rendering page 1", "idle");
	}

	@Test
	void textPrintedWithoutALineBreakBeforeTheEndMarkerStaysInTheTrace() {
		this.output.logLine(TraceParent.OUTPUT_MARKER + "00-0000000000000000a3ce929d0e0e4736-00f067aa0ba902b7-00");
		assertThat(this.output.logLine("progress: 100%" + TraceParent.OUTPUT_MARKER + "-"))
			.isEqualTo("[render#2 trace=a3ce929d0e0e4736 span=00f067aa0ba902b7] progress: 100%");
		assertThat(this.output.logLine("after")).isEqualTo("[render#2] after");
	}

	@Test
	void markersNeverReachTheCrashReport() {
		String stderr = "one\n" + TraceParent.OUTPUT_MARKER + TRACEPARENT + "\ntwo\n" + TraceParent.OUTPUT_MARKER
				+ "-\nthree\n";
		WorkerOutput pumped = new WorkerOutput("render#3",
				new ByteArrayInputStream(stderr.getBytes(StandardCharsets.UTF_8)));
		pumped.start();
		assertThat(pumped.awaitTail(Duration.ofSeconds(10))).containsExactly("one", "two", "three");
	}

}
