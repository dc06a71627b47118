package io.github.pools.process.channel;

import java.io.IOException;

import io.github.pools.RemoteTaskException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exceptions carried as data.
 */
class RemoteErrorTests {

	@Test
	void exceptionCrossesWithCausesSuppressedAndFrames() throws IOException {
		IllegalStateException error = new IllegalStateException("outer", new IOException("inner"));
		error.addSuppressed(new IllegalArgumentException("suppressed"));
		FrameBuffer frame = FailureReport.encode(FailureKind.TASK_FAILED, null, error, 1 << 20);
		FailureReport report = FailureReport.decode(read(frame));
		RemoteTaskException remote = report.error();
		assertThat(report.kind()).isEqualTo(FailureKind.TASK_FAILED);
		assertThat(remote.getRemoteClassName()).isEqualTo("java.lang.IllegalStateException");
		assertThat(remote.getStackTrace()).isEqualTo(error.getStackTrace());
		assertThat(remote.getSuppressed()).singleElement()
			.extracting((ex) -> ((RemoteTaskException) ex).getRemoteMessage())
			.isEqualTo("suppressed");
		assertThat(((RemoteTaskException) remote.getCause()).getRemoteClassName()).isEqualTo("java.io.IOException");
	}

	@Test
	void causeCycleEnds() throws IOException {
		IllegalStateException first = new IllegalStateException("first");
		IllegalStateException second = new IllegalStateException("second", first);
		first.initCause(second);
		RemoteTaskException remote = FailureReport.decode(read(FailureReport.encode(FailureKind.TASK_FAILED, null,
				first, 1 << 20)))
			.error();
		assertThat(remote.getCause()).hasMessageContaining("second").hasNoCause();
	}

	@Test
	void reportTooLargeForTheLimitIsMadeCompact() throws IOException {
		IllegalStateException error = new IllegalStateException("x".repeat(100_000));
		FrameBuffer frame = FailureReport.encode(FailureKind.TASK_FAILED, null, error, 8192);
		assertThat(frame.payloadSize()).isLessThan(8192);
		assertThat(FailureReport.decode(read(frame)).error().getRemoteMessage()).endsWith("(truncated)");
	}

	@Test
	void reportFitsTheSmallestLimit() throws IOException {
		IllegalStateException error = new IllegalStateException("y".repeat(100_000), new IOException("z".repeat(5000)));
		FrameBuffer frame = FailureReport.encode(FailureKind.TASK_UNREADABLE, "w".repeat(20_000), error, 4096);
		assertThat(frame.payloadSize()).isLessThanOrEqualTo(4096);
		assertThat(FailureReport.decode(read(frame)).error().getRemoteClassName())
			.isEqualTo("java.lang.IllegalStateException");
	}

	private static Frame read(FrameBuffer frame) throws IOException {
		return new FrameReader(new java.io.ByteArrayInputStream(frame.toByteArray()), 1 << 20, true).read();
	}

}
