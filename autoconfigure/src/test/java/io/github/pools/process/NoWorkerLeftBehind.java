package io.github.pools.process;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.awaitility.Awaitility.await;

/**
 * Fails a test that leaves a worker JVM running: every pool a test builds must be
 * closed, and closing must end every worker.
 */
class NoWorkerLeftBehind implements AfterEachCallback {

	@Override
	public void afterEach(ExtensionContext context) {
		await("worker JVMs left behind by " + context.getDisplayName()).atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> workers().isEmpty());
	}

	static List<String> workers() {
		return ProcessHandle.current()
			.descendants()
			.filter(ProcessHandle::isAlive)
			.map((process) -> process.info().commandLine().orElse(""))
			// Linux shows only the first 4096 characters of a command line, which a long
			// class path given with -cp fills before the main class: the worker property
			// comes before it.
			.filter((command) -> command.contains(WorkerCommand.WORKER_MAIN)
					|| command.contains("-Dio.github.pools.worker="))
			.collect(Collectors.toList());
	}

}
