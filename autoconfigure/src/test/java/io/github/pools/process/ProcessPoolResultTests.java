package io.github.pools.process;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import io.github.pools.TaskSerializationException;
import io.github.pools.process.channel.FrameBuffer;
import io.github.pools.process.channel.FrameType;
import io.github.pools.process.channel.ObjectCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.github.pools.process.ProcessPoolManagerTests.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Results that the application cannot or must not read: every such future still
 * completes, with a {@link TaskSerializationException}, and the pool goes on serving.
 */
@ExtendWith(NoWorkerLeftBehind.class)
class ProcessPoolResultTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Test
	void resultWhoseDeserializationThrowsAnErrorFailsItsTask() {
		try (ProcessPoolManager pool = ProcessPoolManager.builder("unreadable-result").maxSize(1).build()) {
			pool.start();
			long pid = result(pool.submit(null, () -> ProcessHandle.current().pid()));
			CompletableFuture<UnreadableResult> unreadable = pool.submit(null, UnreadableResult::new);
			assertThat(unreadable).failsWithin(WAIT)
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(TaskSerializationException.class)
				.withMessageContaining("could not be read")
				.withMessageContaining("AssertionError: unreadable by design");
			assertThat(result(pool.submit(null, () -> ProcessHandle.current().pid()))).isEqualTo(pid);
			await().atMost(WAIT).until(() -> pool.stats().failed() == 1); // counted just after the future fails
		}
	}

	@Test
	void resultDeclaringAHugeArrayIsRefusedBeforeItIsAllocated() {
		try (ProcessPoolManager pool = ProcessPoolManager.builder("forged-result").maxSize(1).build()) {
			pool.start();
			long pid = result(pool.submit(null, () -> ProcessHandle.current().pid()));
			CompletableFuture<Object> forged = pool.submit(null, () -> {
				// About 40 bytes that ask the application for a 16 GB long[]; the task's
				// own answer never comes, so the forged one is taken as its result.
				forgedResult().writeTo(new FileOutputStream(FileDescriptor.out));
				return ProcessPoolManagerTests.sleepLong();
			});
			assertThat(forged).failsWithin(WAIT)
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(TaskSerializationException.class)
				.withMessageContaining("was refused")
				.withMessageContaining("array of 2147483632 long")
				.withMessageContaining("more than max-message-size (67108864 bytes)");
			// Same worker: the pool did not kill it, and its other thread serves.
			assertThat(result(pool.submit(null, () -> ProcessHandle.current().pid()))).isEqualTo(pid);
			assertThat(pool.stats().processes().exits().values()).allMatch((count) -> count == 0);
		}
	}

	/**
	 * A RESULT frame whose payload is a serialized {@code long[0]} with its length
	 * changed to {@code 0x7FFFFFF0}, and no elements.
	 */
	static FrameBuffer forgedResult() throws IOException {
		FrameBuffer encoded = new FrameBuffer(64);
		ObjectCodec.write(encoded, new long[0]);
		byte[] payload = encoded.payload();
		ByteBuffer.wrap(payload).putInt(payload.length - 4, 0x7FFFFFF0); // the stream ends with the length
		FrameBuffer frame = new FrameBuffer(payload.length);
		frame.write(payload);
		return frame.finish(FrameType.RESULT);
	}

	/**
	 * A result that crosses from the worker but whose {@code readObject} throws an
	 * {@link Error} in the application.
	 */
	static final class UnreadableResult implements Serializable {

		private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
			throw new AssertionError("unreadable by design");
		}

	}

}
