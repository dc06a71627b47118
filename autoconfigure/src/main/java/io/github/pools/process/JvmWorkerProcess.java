package io.github.pools.process;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.pools.process.channel.FailureReport;
import io.github.pools.process.channel.Frame;
import io.github.pools.process.channel.FrameBuffer;
import io.github.pools.process.channel.FrameReader;
import io.github.pools.process.channel.FrameType;
import io.github.pools.process.channel.ProtocolException;
import org.jspecify.annotations.Nullable;

/**
 * A worker JVM: its process, the channel over its standard input and output, and its
 * standard error pumped into the log.
 */
final class JvmWorkerProcess implements WorkerProcess {

	/** How long a worker whose channel closed may take to exit before it is killed. */
	private static final Duration EXIT_WAIT = Duration.ofSeconds(2);

	/** How long to wait for the rest of a dead worker's standard error. */
	private static final Duration STDERR_DRAIN = Duration.ofSeconds(2);

	private final String workerName;

	private final Process process;

	private final FrameBuffer configuration;

	private final OutputStream stdin;

	/** Read only by the worker's own thread. */
	private final FrameReader stdout;

	private final WorkerOutput stderr;

	/** Serializes writes: a task and a stop never interleave. */
	private final Object writeLock = new Object();

	/** Run once the process has exited, before {@link #awaitExit()} returns. */
	private final Runnable afterExit;

	JvmWorkerProcess(String workerName, Process process, FrameBuffer configuration, long maxMessageSize) {
		this(workerName, process, configuration, maxMessageSize, () -> {
		});
	}

	JvmWorkerProcess(String workerName, Process process, FrameBuffer configuration, long maxMessageSize,
			Runnable afterExit) {
		this.afterExit = afterExit;
		this.workerName = workerName;
		this.process = process;
		this.configuration = configuration;
		this.stderr = new WorkerOutput(workerName, process.getErrorStream());
		this.stderr.start();
		this.stdin = process.getOutputStream();
		this.stdout = new FrameReader(process.getInputStream(), maxMessageSize, true);
	}

	@Override
	public long pid() {
		return this.process.pid();
	}

	@Override
	public void awaitReady() throws WorkerStartException {
		String problem;
		Throwable cause = null;
		boolean killed = false;
		try {
			send(this.configuration);
			Frame frame = this.stdout.read();
			if (frame != null && frame.type() == FrameType.READY) {
				return;
			}
			if (frame == null) {
				problem = "it exited before it was ready";
			}
			else if (frame.type() == FrameType.ERROR) {
				FailureReport report = FailureReport.decode(frame);
				problem = (report.message() != null) ? report.message() : "it failed to initialize";
				cause = report.error();
			}
			else {
				problem = "it broke the channel protocol: it sent " + frame.type() + " before it was ready";
				killed = true;
				kill();
			}
		}
		catch (ProtocolException ex) {
			problem = "it broke the channel protocol before it was ready: " + ex.getMessage()
					+ " (a worker's standard output is its channel to the pool: JVM options that print there,"
					+ " such as -XX:+PrintCommandLineFlags or -Xlog to stdout, break it)";
			killed = true;
			kill();
		}
		catch (IOException ex) {
			problem = "it exited before it was ready";
		}
		Exit exit = awaitExit();
		// Killed here, it did not exit on its own: its exit code must not read as a kill
		// from outside, which would not count as a start failure.
		throw new WorkerStartException("Worker " + this.workerName + " (pid " + pid() + ") could not start: " + problem,
				killed ? null : exit.exitCode(), exit.stderrTail(), cause);
	}

	@Override
	public @Nullable Frame read() throws IOException {
		return this.stdout.read();
	}

	@Override
	public void send(FrameBuffer frame) {
		try {
			synchronized (this.writeLock) {
				frame.writeTo(this.stdin);
			}
		}
		catch (IOException ex) {
			// Dead or dying: make sure, and let its thread find the closed channel.
			kill();
		}
	}

	@Override
	public void kill() {
		this.process.destroyForcibly();
	}

	@Override
	public boolean isAlive() {
		return this.process.isAlive();
	}

	@Override
	public Exit awaitExit() {
		try {
			synchronized (this.writeLock) {
				this.stdin.close();
			}
		}
		catch (IOException ex) {
			// already closed
		}
		Integer exitCode = null;
		try {
			if (this.process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
				exitCode = this.process.exitValue();
			}
			else {
				kill();
				this.process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException ex) {
			kill();
			Thread.currentThread().interrupt();
		}
		if (!this.process.isAlive()) {
			this.afterExit.run();
		}
		return new Exit(exitCode, this.stderr.awaitTail(STDERR_DRAIN));
	}

	@Override
	public String toString() {
		return "Worker[" + this.workerName + ", pid " + pid() + "]";
	}

}
