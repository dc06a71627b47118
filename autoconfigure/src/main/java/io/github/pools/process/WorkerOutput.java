package io.github.pools.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Pumps a worker's standard error into the log, one line at a time, prefixed with the
 * pool and worker ({@code [render#2] ...}), and keeps the last lines for crash reports.
 * This is also where a task's {@code System.out} ends up. Lines are logged at
 * {@code INFO} by the {@link System.Logger} named after this class.
 */
final class WorkerOutput implements Runnable {

	private static final System.Logger logger = System.getLogger(WorkerOutput.class.getName());

	/** Lines kept for a crash report. */
	static final int TAIL_LINES = 20;

	/** A longer line is cut, so a worker cannot fill the pool's memory with one line. */
	private static final int MAX_LINE = 8 * 1024;

	private final String prefix;

	private final InputStream in;

	private final Thread thread;

	/** Guarded by itself. */
	private final ArrayDeque<String> tail = new ArrayDeque<>(TAIL_LINES);

	WorkerOutput(String workerName, InputStream in) {
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
		synchronized (this.tail) {
			if (this.tail.size() == TAIL_LINES) {
				this.tail.removeFirst();
			}
			this.tail.addLast(text);
		}
		logger.log(Level.INFO, this.prefix + text);
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
