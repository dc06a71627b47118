package io.github.pools;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the message of {@link WorkerCrashedException}.
 */
class WorkerCrashedExceptionTests {

	@Test
	@DisabledOnOs(OS.WINDOWS)
	void exitCodeAbove128NamesBothReadingsWhenThePoolDidNotKillTheWorker() {
		WorkerCrashedException crash = new WorkerCrashedException("render", 2, 123, 134, List.of());
		assertThat(crash).hasMessage("Worker 2 (pid 123) of pool 'render' died while running the task, exit code 134"
				+ " (the worker called exit or halt(134), or it was killed by signal 6, SIGABRT)");
		assertThat(crash.getMessage()).doesNotContain("(signal 6)");
	}

	@Test
	@DisabledOnOs(OS.WINDOWS)
	void exitCodeOfASignalThePoolSentNamesOnlyTheSignal() {
		WorkerCrashedException crash = new WorkerCrashedException("render", 2, 123, 137, List.of(),
				"broke the channel protocol and was killed", true);
		assertThat(crash).hasMessage("Worker 2 (pid 123) of pool 'render' broke the channel protocol and was killed,"
				+ " exit code 137 (killed by signal 9, SIGKILL)");
	}

	@Test
	@DisabledOnOs(OS.WINDOWS)
	void signalWithoutAPortableNameIsGivenByNumber() {
		assertThat(new WorkerCrashedException("p", 1, 1, 135, List.of()))
			.hasMessageEndingWith("exit code 135 (the worker called exit or halt(135), or it was killed by signal 7)");
	}

	@Test
	void exitCodesThatCannotComeFromASignalAreGivenAsTheyAre() {
		assertThat(new WorkerCrashedException("p", 1, 1, 42, List.of())).hasMessageEndingWith("exit code 42");
		assertThat(new WorkerCrashedException("p", 1, 1, 128, List.of())).hasMessageEndingWith("exit code 128");
		assertThat(new WorkerCrashedException("p", 1, 1, 255, List.of())).hasMessageEndingWith("exit code 255");
		assertThat(new WorkerCrashedException("p", 1, 1, null, List.of())).hasMessageEndingWith("died while running the task");
	}

}
