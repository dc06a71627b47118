package io.github.pools.process.worker;

import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.OutputStream;
import java.util.concurrent.Callable;

import io.github.pools.process.channel.FailureKind;
import io.github.pools.process.channel.FailureReport;
import io.github.pools.process.channel.Frame;
import io.github.pools.process.channel.FrameBuffer;
import io.github.pools.process.channel.FrameType;
import io.github.pools.process.channel.ObjectCodec;
import io.github.pools.process.channel.ObjectFilters;
import io.github.pools.process.channel.ObjectRefusedException;
import io.github.pools.process.channel.TraceParent;
import io.github.pools.process.channel.WorkerConfig;
import org.jspecify.annotations.Nullable;

/**
 * The worker's life: read the configuration, run the initializer, report ready, then run
 * one task at a time until told to stop.
 * <p>
 * Two threads serve the channel (see {@link Channel}); whichever reads a frame handles
 * it, and the pool sends the next frame only after the answer, so one thread at a time
 * writes to the channel. The start-up path avoids lambdas and string concatenation,
 * whose first use costs the JVM several milliseconds of bootstrapping.
 */
final class Worker {

	/** Exit code when the configuration or the initializer failed. */
	static final int EXIT_INIT_FAILED = 10;

	private final Channel input;

	private final OutputStream channel;

	private final ClassLoader loader = Worker.class.getClassLoader();

	// Set by the configuration frame and read by both threads, so volatile: the frame
	// that follows it may arrive on the other thread.

	private volatile String name = "worker";

	private volatile long maxMessageSize = Integer.MAX_VALUE - Frame.HEADER_SIZE;

	private volatile @Nullable ObjectCodec codec;

	private volatile @Nullable Runnable finalizer;

	/** Set on the first traced task: whether SLF4J's MDC is on the class path, and its adapter. */
	private volatile @Nullable Object traceMdc;

	Worker(InputStream in, OutputStream channel) {
		this.input = new Channel(in);
		this.channel = channel;
	}

	/**
	 * Run the worker on the calling thread and one more.
	 */
	void run() {
		// The second thread stands by to read while a long task runs, see Channel.
		Thread standby = new Thread(new Runnable() {

			@Override
			public void run() {
				serve();
			}

		}, "pools-worker-2");
		standby.setDaemon(true);
		standby.start();
		serve();
	}

	private void serve() {
		// Each thread reuses its own buffer for results.
		FrameBuffer results = new FrameBuffer(4096);
		while (true) {
			Frame frame = this.input.next();
			ObjectCodec codec = this.codec;
			if (frame.type() == FrameType.TASK && codec != null) {
				runTask(codec, frame, results);
			}
			else if (frame.type() == FrameType.STOP && codec != null) {
				stop();
			}
			else if (frame.type() == FrameType.CONFIG && codec == null) {
				codec = initialize(frame);
				this.codec = codec;
				send(FrameBuffer.empty(FrameType.READY));
				warmUp(codec);
			}
			else {
				System.err.println("Pools worker " + this.name + ": the pool broke the channel protocol: unexpected "
						+ frame);
				System.err.flush();
				Runtime.getRuntime().halt(Channel.EXIT_PROTOCOL_ERROR);
			}
		}
	}

	private ObjectCodec initialize(Frame frame) {
		WorkerConfig config;
		try {
			config = WorkerConfig.decode(frame);
		}
		catch (IOException ex) {
			failInit("it could not read its configuration", ex);
			throw new AssertionError(ex);
		}
		this.name = new StringBuilder(config.poolName()).append('#').append(config.workerId()).toString();
		this.maxMessageSize = config.maxMessageSize();
		if (config.protocolVersion() != WorkerConfig.PROTOCOL_VERSION) {
			failInit("it speaks protocol version " + WorkerConfig.PROTOCOL_VERSION + " but the pool speaks "
					+ config.protocolVersion() + "; the pool and the worker class path hold different Pools versions",
					null);
		}
		ObjectCodec codec = new ObjectCodec(
				ObjectFilters.of(config.allowedClasses(), config.maxMessageSize(), config.maxObjectDepth()));
		Runnable initializer = readRunnable(codec, config.initializer(), "initializer");
		this.finalizer = readRunnable(codec, config.finalizer(), "finalizer");
		if (initializer != null) {
			try {
				initializer.run();
			}
			catch (Throwable ex) {
				failInit("its initializer failed", ex);
			}
		}
		return codec;
	}

	/**
	 * Prepare serialization in the background once ready: the first use of
	 * {@code ObjectInputStream} and of a serialized lambda costs the JVM tens of
	 * milliseconds of class loading and bootstrapping, better spent while the pool
	 * dispatches the first task than before the worker reports ready. A task that comes
	 * meanwhile simply waits for the classes it shares with the warm-up.
	 */
	private void warmUp(ObjectCodec codec) {
		Thread thread = new Thread(new Runnable() {

			@Override
			public void run() {
				try {
					FrameBuffer buffer = new FrameBuffer(512);
					ObjectCodec.write(buffer, WarmUp.task());
					byte[] bytes = buffer.payload();
					((Callable<?>) codec.read(bytes, 0, bytes.length, Worker.this.loader)).call();
				}
				catch (Exception ex) {
					// only a warm-up: the first task will report whatever is wrong
				}
			}

		}, "pools-worker-warm-up");
		thread.setDaemon(true);
		thread.start();
	}

	private @Nullable Runnable readRunnable(ObjectCodec codec, byte @Nullable [] bytes, String what) {
		if (bytes == null) {
			return null;
		}
		try {
			return (Runnable) codec.read(bytes, 0, bytes.length, this.loader);
		}
		catch (Throwable ex) {
			failInit("it could not read its " + what, ex);
			throw new AssertionError(ex);
		}
	}

	/**
	 * Report that the worker cannot start, and exit.
	 * @param problem completes "Worker render#2 (pid 123) could not start: ...", for
	 * example {@code "its initializer failed"}
	 */
	private void failInit(String problem, @Nullable Throwable cause) {
		String message = (cause != null) ? problem + ": " + cause : problem;
		if (cause != null) {
			System.err.println("Pools worker " + this.name + ": " + problem);
			cause.printStackTrace();
		}
		Throwable error = (cause != null) ? cause : new IllegalStateException(message);
		send(FailureReport.encode(FailureKind.INIT_FAILED, message, error, this.maxMessageSize));
		System.err.flush();
		Runtime.getRuntime().halt(EXIT_INIT_FAILED);
	}

	/**
	 * Run a task; one that carried a trace context runs with its ids in SLF4J's MDC,
	 * when the worker has SLF4J, and leaves it as it found it.
	 */
	private void runTask(ObjectCodec codec, Frame frame, FrameBuffer results) {
		String traceparent = frame.traceparent();
		if (traceparent == null) {
			runTask(codec, frame, results, false);
			return;
		}
		TraceMdc mdc = traceMdc();
		if (mdc != null) {
			mdc.put(traceparent);
		}
		// What the task prints is logged by the pool with the task's ids, see WorkerOutput.
		System.err.println(TraceParent.OUTPUT_MARKER + traceparent);
		try {
			runTask(codec, frame, results, true);
		}
		finally {
			if (mdc != null) {
				mdc.clear();
			}
		}
	}

	private @Nullable TraceMdc traceMdc() {
		Object mdc = this.traceMdc;
		if (mdc == null) {
			try {
				Class.forName("org.slf4j.MDC", false, this.loader);
				mdc = new TraceMdc();
			}
			catch (ClassNotFoundException | LinkageError ex) {
				mdc = Boolean.FALSE; // no SLF4J: traced tasks run as others do
			}
			this.traceMdc = mdc;
		}
		return (mdc instanceof TraceMdc adapter) ? adapter : null;
	}

	/**
	 * Run a task; a traced one ends its output's trace before it answers, since the pool
	 * may send the next task, to the other thread, as soon as it has the answer.
	 */
	private void runTask(ObjectCodec codec, Frame frame, FrameBuffer results, boolean traced) {
		Callable<?> task;
		try {
			task = (Callable<?>) codec.read(frame, this.loader);
		}
		catch (ObjectRefusedException ex) {
			endTrace(traced);
			taskUnreadable("was refused by worker " + this.name + ": " + ex.getMessage(), ex);
			return;
		}
		catch (Throwable ex) {
			endTrace(traced);
			taskUnreadable("could not be deserialized in worker " + this.name + ": " + ex, ex);
			return;
		}
		Object result;
		try {
			result = (task != null) ? task.call() : null;
		}
		catch (Throwable ex) {
			send(FailureReport.encode(FailureKind.TASK_FAILED, null, ex, this.maxMessageSize));
			return;
		}
		finally {
			// an interrupt meant for this task must not reach the next one
			Thread.interrupted();
			endTrace(traced);
		}
		sendResult(result, results);
	}

	private static void endTrace(boolean traced) {
		if (traced) {
			System.err.println(TraceParent.OUTPUT_MARKER + "-");
		}
	}

	private void taskUnreadable(String problem, Throwable ex) {
		send(FailureReport.encode(FailureKind.TASK_UNREADABLE, "Task " + problem, ex, this.maxMessageSize));
	}

	private void sendResult(@Nullable Object result, FrameBuffer buffer) {
		buffer.reset();
		String type = (result != null) ? result.getClass().getName() : "null";
		try {
			ObjectCodec.write(buffer, result);
		}
		catch (NotSerializableException ex) {
			resultUnwritable("The result of type " + type + " could not be serialized: " + ObjectCodec.describe(ex), ex);
			return;
		}
		catch (Throwable ex) {
			resultUnwritable("The result of type " + type + " could not be serialized: " + ex, ex);
			return;
		}
		if (buffer.payloadSize() > this.maxMessageSize) {
			resultUnwritable("The result of type " + type + " is " + buffer.payloadSize()
					+ " bytes serialized, more than max-message-size (" + this.maxMessageSize + " bytes)", null);
			return;
		}
		send(buffer.finish(FrameType.RESULT));
	}

	private void resultUnwritable(String message, @Nullable Throwable cause) {
		Throwable error = (cause != null) ? cause : new IllegalStateException(message);
		send(FailureReport.encode(FailureKind.RESULT_UNWRITABLE, message, error, this.maxMessageSize));
	}

	private void stop() {
		Runnable finalizer = this.finalizer;
		if (finalizer != null) {
			try {
				finalizer.run();
			}
			catch (Throwable ex) {
				System.err.println("Pools worker " + this.name + ": finalizer failed");
				ex.printStackTrace();
			}
		}
		System.err.flush();
		System.exit(0);
	}

	private void send(FrameBuffer frame) {
		try {
			frame.writeTo(this.channel);
		}
		catch (IOException ex) {
			// the pool is gone
			Runtime.getRuntime().halt(0);
		}
	}

}
