package io.github.pools.process.worker;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;

import io.github.pools.process.channel.Frame;
import io.github.pools.process.channel.FrameReader;
import io.github.pools.process.channel.ProtocolException;

/**
 * The worker's standard input, shared by two threads so that it is read even while a
 * task runs, without handing every task from a reading thread to a running thread.
 * <p>
 * The thread that reads a frame handles it itself: a task runs on the thread that
 * received it, with no wake-up in between. The other thread stands by; if a task runs
 * longer than {@value #TAKEOVER_MILLIS} ms, it takes over reading, so that the end of
 * the input (the pool is gone, or wants this worker gone) is noticed within a fraction
 * of a second, and the worker halts even in the middle of the task. The roles then
 * swap: the thread that ran the long task stands by.
 * <p>
 * Only one thread reads at a time ({@link #reader}); the pool sends one task at a time
 * and waits for its answer, so a frame never arrives while its predecessor still needs
 * the channel's writing side. Before it blocks, the reading thread polls for a
 * moment ({@link #SPIN_NANOS}).
 */
final class Channel {

	/** Exit code when the pool wrote something that is not a frame. */
	static final int EXIT_PROTOCOL_ERROR = 11;

	/** A task running longer than this makes the standby thread take over reading. */
	static final long TAKEOVER_MILLIS = 50;

	/**
	 * How long a thread polls for the next frame before it blocks. A thread woken from a
	 * blocking read can take tens of microseconds to run again on a virtual machine,
	 * more than the rest of a round trip; the next task usually comes within a round
	 * trip of the last answer, so a short spin catches it (a 50 us spin took a no-op
	 * round trip from about 80 us to about 20 us on a 2-core virtual machine). The pool
	 * side does not spin: its reader threads would take the CPU from the threads that
	 * submit.
	 */
	static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

	private final FrameReader frames;

	private final Object monitor = new Object();

	/** The thread allowed to read, or {@code null}; guarded by monitor. */
	private Thread reader;

	/** The thread handling a frame, or {@code null}; guarded by monitor. */
	private Thread handler;

	/** When the handler started, in {@link System#nanoTime()} terms; guarded by monitor. */
	private long handlingSince;

	Channel(InputStream in) {
		// The pool checks task sizes at submit; the worker trusts it on size.
		this.frames = new FrameReader(in, Integer.MAX_VALUE, false);
	}

	/**
	 * Wait for this thread's turn to read, read the next frame and mark this thread as
	 * the one handling it. Halts the JVM when the input ends or is not a frame.
	 * @return the frame, a private copy
	 */
	Frame next() {
		Thread me = Thread.currentThread();
		synchronized (this.monitor) {
			if (this.handler == me) {
				this.handler = null;
			}
			while (!mayRead()) {
				try {
					// Polls rather than waits to be told: a task's start notifies nobody.
					this.monitor.wait(TAKEOVER_MILLIS);
				}
				catch (InterruptedException ex) {
					// a task interrupted this thread; it is still one of the channel's
				}
			}
			this.reader = me;
		}
		Frame frame = read();
		synchronized (this.monitor) {
			this.reader = null;
			this.handler = me;
			this.handlingSince = System.nanoTime();
		}
		return frame;
	}

	private boolean mayRead() {
		if (this.reader != null) {
			return false;
		}
		return this.handler == null
				|| System.nanoTime() - this.handlingSince >= TimeUnit.MILLISECONDS.toNanos(TAKEOVER_MILLIS);
	}

	private Frame read() {
		try {
			this.frames.spinUntilReadable(SPIN_NANOS);
			Frame frame = this.frames.read();
			if (frame != null) {
				return frame.copy();
			}
		}
		catch (ProtocolException ex) {
			System.err.println("Pools worker: the pool broke the channel protocol: " + ex.getMessage());
			System.err.flush();
			Runtime.getRuntime().halt(EXIT_PROTOCOL_ERROR);
		}
		catch (IOException ex) {
			// the pool closed the channel inside a frame: it is gone
		}
		// No finalizer and no shutdown hooks, which could hang: a worker whose pool is
		// gone must not outlive it.
		Runtime.getRuntime().halt(0);
		throw new AssertionError("halted");
	}

}
