package io.github.pools.process;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import io.github.pools.TaskSerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.github.pools.process.ProcessPoolManagerTests.result;
import static org.assertj.core.api.Assertions.assertThat;

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
			assertThat(pool.stats().failed()).isOne();
		}
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
