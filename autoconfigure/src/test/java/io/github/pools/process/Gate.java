package io.github.pools.process;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A gate that a task in a worker JVM waits at until the test opens it: a file that
 * appears. Makes "the task is still running" a fact rather than a matter of timing.
 */
final class Gate implements Serializable {

	private final String file;

	private Gate(String file) {
		this.file = file;
	}

	static Gate in(Path directory) {
		return new Gate(directory.resolve("gate-" + System.nanoTime()).toString());
	}

	/**
	 * Wait in the worker until the gate opens.
	 * @throws InterruptedException if interrupted
	 */
	void pass() throws InterruptedException {
		while (!Files.exists(Path.of(this.file))) {
			Thread.sleep(5);
		}
	}

	void open() {
		try {
			Files.createFile(Path.of(this.file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
