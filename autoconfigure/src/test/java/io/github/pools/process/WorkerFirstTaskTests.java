package io.github.pools.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import io.github.pools.BatchOptions;
import io.github.pools.SerializableCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a fresh worker loads for its first tasks: a task that captures small values, and
 * its result, cross without Java serialization, and so do {@code map} chunks of such a
 * function over boxed numbers, so the worker never initializes the
 * JDK's serialization filter configuration, which costs a fresh JVM tens of milliseconds
 * (it looks up a logging back end), while the allow-list still applies.
 */
@ExtendWith(NoWorkerLeftBehind.class)
class WorkerFirstTaskTests {

	@TempDir
	Path directory;

	@Test
	void capturingTasksAndMapChunksRunWithoutTheJdksSerializationFilterConfiguration() throws Exception {
		Path log = this.directory.resolve("classes.log");
		try (ProcessPoolManager pool = ProcessPoolManager.builder("first")
			.maxSize(1)
			.jvmArgs(List.of("-Xmx64m", "-XX:+UseSerialGC", "-Xlog:class+load=info:file=" + log))
			.build()) {
			pool.start();
			for (int i = 0; i < 3; i++) {
				assertThat(pool.submit(null, twice(i))).succeedsWithin(Duration.ofSeconds(30)).isEqualTo(2 * i);
			}
			int offset = 5;
			List<Integer> items = IntStream.range(0, 100).boxed().toList();
			assertThat(pool.map(null, (Integer v) -> v + offset, items, BatchOptions.chunkSize(10)))
				.as("map chunks of a capturing function over boxed numbers, and their results")
				.containsExactlyElementsOf(IntStream.range(5, 105).boxed().toList());
		}
		List<String> loaded = Files.readAllLines(log);
		assertThat(loaded).as("the worker ran the tasks")
			.anyMatch((line) -> line.contains(WorkerFirstTaskTests.class.getName() + "$$Lambda"));
		assertThat(loaded).noneMatch((line) -> line.contains("java.io.ObjectInputFilter$Config "));
	}

	private static SerializableCallable<Integer> twice(int value) {
		return () -> 2 * value;
	}

}
