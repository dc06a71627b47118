package io.github.pools.process.worker;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;

/**
 * The main class of a process pool's worker JVM. The pool starts it; it is not meant to
 * be run by hand.
 * <p>
 * Standard input and output are the worker's private channel to its pool, so the very
 * first thing this class does is point {@code System.out} at standard error and give
 * {@code System.in} an empty stream: whatever a task prints ends up in the pool's log,
 * and a task that reads standard input cannot steal frames. The JVM is started with
 * flags that send its own messages to standard error too. A task that still writes to
 * file descriptor 1 directly breaks the channel, and the pool kills the worker.
 * <p>
 * The worker exits when its standard input closes, even in the middle of a task, so a
 * pool that dies, even by {@code kill -9}, leaves no worker behind.
 */
public final class WorkerMain {

	private WorkerMain() {
	}

	/**
	 * Run the worker until the pool stops it or goes away.
	 * @param args ignored; the configuration arrives on standard input
	 */
	public static void main(String[] args) {
		FileOutputStream channel = new FileOutputStream(FileDescriptor.out);
		System.setOut(System.err);
		System.setIn(InputStream.nullInputStream());
		new Worker(new FileInputStream(FileDescriptor.in), channel).run();
	}

}
