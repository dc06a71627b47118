package io.github.pools.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;

import io.github.pools.process.channel.TraceParent;
import org.jspecify.annotations.Nullable;

/**
 * Pumps a worker's standard error into the log, one line at a time, prefixed with the
 * pool and worker ({@code [render#2] ...}), and keeps the last lines for crash reports.
 * A line written while the worker ran a traced task is prefixed with the task's trace
 * and span ids too ({@code [render#2 trace=4bf9... span=00f0...] ...}): the worker
 * brackets such a task with {@link TraceParent#OUTPUT_MARKER marker lines} in the same
 * stream, which are not logged.
 * This is also where a task's {@code System.out} ends up. Lines are logged at
 * {@code INFO} by the {@link System.Logger} named after this class.
 */
final class WorkerOutput implements Runnable {

	private static final System.Logger logger = System.getLogger(WorkerOutput.class.getName());

	/** Lines kept for a crash report. */
	static final int TAIL_LINES = 20;

	/** A longer line is cut, so a worker cannot fill the pool's memory with one line. */
	private static final int MAX_LINE = 8 * 1024;

	private final String workerName;

	private final String prefix;

	/** The prefix while a traced task runs, or {@code null}; used by the pumping thread only. */
	private @Nullable String tracedPrefix;

	private final InputStream in;

	private final Thread thread;

	/** Guarded by itself. */
	private final ArrayDeque<String> tail = new ArrayDeque<>(TAIL_LINES);

	WorkerOutput(String workerName, InputStream in) {
		this.workerName = workerName;
		this.prefix = "[" + workerName + "] ";
		this.in = in;
		this.thread = new Thread(this, workerName + "-stderr");
		this.thread.setDaemon(true);
	}

	void start() {
		this.thread.start();
	}

	@Override
	public void run() {
		Charset charset = Charset.defaultCharset();
		ByteArrayOutputStream line = new ByteArrayOutputStream(256);
		byte[] buffer = new byte[4096];
		try (InputStream in = this.in) {
			int n;
			while ((n = in.read(buffer)) >= 0) {
				for (int i = 0; i < n; i++) {
					byte b = buffer[i];
					if (b == '\n' || line.size() >= MAX_LINE) {
						emit(line, charset);
						if (b == '\n') {
							continue;
						}
					}
					line.write(b);
				}
			}
		}
		catch (IOException ex) {
			// the worker is gone
		}
		if (line.size() > 0) {
			emit(line, charset);
		}
	}

	private void emit(ByteArrayOutputStream line, Charset charset) {
		String text = line.toString(charset);
		line.reset();
		if (text.endsWith("\r")) {
			text = text.substring(0, text.length() - 1);
		}
		String logged = logLine(text);
		if (logged != null) {
			logger.log(Level.INFO, logged);
		}
	}

	/**
	 * Take one line of the worker's standard error: remember it for crash reports and
	 * return it as logged, or follow a trace marker in it.
	 * @param text the line, without its line break
	 * @return the log line, or {@code null} for a line that was only a marker
	 */
	@Nullable String logLine(String text) {
		int marker = text.indexOf(TraceParent.OUTPUT_MARKER);
		if (marker >= 0) {
			// A task that printed without a line break leaves its text before the marker.
			String before = (marker > 0) ? logLine(text.substring(0, marker)) : null;
			String traceparent = text.substring(marker + TraceParent.OUTPUT_MARKER.length());
			this.tracedPrefix = TraceParent.isValid(traceparent) ? "[" + this.workerName + " trace="
					+ TraceParent.traceId(traceparent) + " span=" + TraceParent.spanId(traceparent) + "] " : null;
			return before;
		}
		keep(text);
		return ((this.tracedPrefix != null) ? this.tracedPrefix : this.prefix) + text;
	}

	private void keep(String text) {
		synchronized (this.tail) {
			if (this.tail.size() == TAIL_LINES) {
				this.tail.removeFirst();
			}
			this.tail.addLast(text);
		}
	}

	/**
	 * Wait until the worker's standard error has ended (it has exited), then return its
	 * last lines. Waits at most {@code timeout}: a process the worker started may hold
	 * the stream open.
	 * @param timeout the longest wait
	 * @return the last lines, oldest first
	 */
	List<String> awaitTail(Duration timeout) {
		try {
			this.thread.join(Math.max(1, timeout.toMillis()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return tail();
	}

	List<String> tail() {
		synchronized (this.tail) {
			return List.copyOf(this.tail);
		}
	}

}
