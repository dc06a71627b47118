package io.github.pools.process;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.github.pools.process.channel.FailureKind;
import io.github.pools.process.channel.FailureReport;
import io.github.pools.process.channel.Frame;
import io.github.pools.process.channel.FrameBuffer;
import io.github.pools.process.channel.FrameReader;
import io.github.pools.process.channel.FrameType;
import io.github.pools.process.channel.ObjectCodec;
import io.github.pools.process.channel.ObjectFilters;
import org.jspecify.annotations.Nullable;

/**
 * Workers that are not processes, for tests of a process pool's machinery that run in
 * milliseconds: a {@link WorkerStarter} whose workers run each task on a thread of the
 * test's JVM (the task crosses serialized, as it would to a JVM), or hold it until the
 * test answers, crashes or hangs them. Each start follows the next {@link Start} the
 * test queued, and is ready at once when none is queued.
 */
final class StubWorkers implements WorkerStarter {

	private static final ObjectCodec CODEC = new ObjectCodec(ObjectFilters.of(List.of(), 1 << 20, 100));

	private static final AtomicInteger PIDS = new AtomicInteger(100_000);

	/** How a start goes. */
	enum Start {

		/** Ready at once. */
		READY,

		/** Exits with code 1 before it is ready, as a JVM refusing a flag does. */
		FAIL,

		/** Killed by {@code SIGKILL} from outside before it is ready (exit code 137). */
		KILLED,

		/** Never ready, until killed. */
		HANG

	}

	private final BlockingQueue<Start> starts = new LinkedBlockingQueue<>();

	private final List<Worker> workers = new CopyOnWriteArrayList<>();

	private volatile boolean answerOnTheirOwn = true;

	/**
	 * Queue how the next starts go.
	 * @param starts one entry per start
	 * @return this
	 */
	StubWorkers next(Start... starts) {
		this.starts.addAll(List.of(starts));
		return this;
	}

	/**
	 * Make the workers hold each task until the test answers it with
	 * {@link Worker#answer()} (or crashes or kills the worker).
	 * @return this
	 */
	StubWorkers holdTasks() {
		this.answerOnTheirOwn = false;
		return this;
	}

	List<Worker> started() {
		return List.copyOf(this.workers);
	}

	/** The worker started last, waiting for the first one to start. */
	Worker last() {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (this.workers.isEmpty() && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		return this.workers.get(this.workers.size() - 1);
	}

	@Override
	public WorkerProcess start(int workerId) {
		Start start = this.starts.poll();
		Worker worker = new Worker(workerId, (start != null) ? start : Start.READY, this.answerOnTheirOwn);
		this.workers.add(worker);
		return worker;
	}

	@Override
	public String describe() {
		return "stub workers";
	}

	/**
	 * One stub worker.
	 */
	static final class Worker implements WorkerProcess {

		private static final Frame END = new Frame(FrameType.READY, new byte[0], 0, 0);

		final int id;

		private final long pid = PIDS.incrementAndGet();

		/** When the pool asked for this worker, in {@link System#nanoTime()} terms. */
		final long startedAtNanos = System.nanoTime();

		private final Start start;

		private final boolean answerOnTheirOwn;

		private final LinkedBlockingDeque<Frame> answers = new LinkedBlockingDeque<>();

		/** Tasks sent and not answered, oldest first. */
		private final BlockingQueue<Callable<?>> held = new LinkedBlockingQueue<>();

		private final CountDownLatch exited = new CountDownLatch(1);

		private final List<FrameType> received = new CopyOnWriteArrayList<>();

		private volatile @Nullable Integer exitCode;

		private volatile boolean ignoreStop;

		Worker(int id, Start start, boolean answerOnTheirOwn) {
			this.id = id;
			this.start = start;
			this.answerOnTheirOwn = answerOnTheirOwn;
		}

		@Override
		public long pid() {
			return this.pid;
		}

		@Override
		public void awaitReady() throws WorkerStartException {
			switch (this.start) {
				case READY -> {
					return;
				}
				case FAIL -> end(1);
				case KILLED -> end(137);
				case HANG -> awaitEnd();
			}
			throw new WorkerStartException("Stub worker " + this.id + " could not start", this.exitCode, List.of(),
					null);
		}

		@Override
		public @Nullable Frame read() throws IOException {
			try {
				Frame frame = this.answers.take();
				if (frame == END) {
					this.answers.addFirst(END);
					return null;
				}
				return frame;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException(ex);
			}
		}

		@Override
		public void send(FrameBuffer buffer) {
			if (this.exitCode != null) {
				return; // gone: the pool finds out from the closed channel
			}
			Frame frame = frameOf(buffer, false);
			this.received.add(frame.type());
			if (frame.type() == FrameType.STOP) {
				if (!this.ignoreStop) {
					end(0);
				}
				return;
			}
			Callable<?> task;
			try {
				task = (Callable<?>) CODEC.read(frame, getClass().getClassLoader());
			}
			catch (IOException | ClassNotFoundException ex) {
				throw new IllegalStateException(ex);
			}
			if (this.answerOnTheirOwn) {
				new Thread(() -> this.answers.add(run(task))).start();
			}
			else {
				this.held.add(task);
			}
		}

		@Override
		public void kill() {
			end(137);
		}

		@Override
		public boolean isAlive() {
			return this.exitCode == null;
		}

		@Override
		public Exit awaitExit() {
			if (this.exitCode == null) {
				end(0); // its input closed: a worker exits
			}
			return new Exit(this.exitCode, List.of("stub worker " + this.id + " ended"));
		}

		/** Answer the oldest held task by running it. */
		void answer() throws InterruptedException {
			Callable<?> task = this.held.poll(10, TimeUnit.SECONDS);
			if (task == null) {
				throw new IllegalStateException("No task held by stub worker " + this.id);
			}
			this.answers.add(run(task));
		}

		/** Answer the oldest held task with a frame of the test's choice. */
		void answer(FrameBuffer frame) {
			this.held.poll();
			this.answers.add(frameOf(frame, true));
		}

		/** Wait until the worker holds a task. */
		void awaitTask() throws InterruptedException {
			Callable<?> task = this.held.poll(10, TimeUnit.SECONDS);
			if (task == null) {
				throw new IllegalStateException("No task reached stub worker " + this.id);
			}
			this.held.add(task);
		}

		/** Die with an exit code, as a crashed JVM does. */
		void crash(int exitCode) {
			end(exitCode);
		}

		/** Ignore the stop frame, as a worker whose finalizer hangs does. */
		void ignoreStop() {
			this.ignoreStop = true;
		}

		List<FrameType> received() {
			return List.copyOf(this.received);
		}

		boolean hasExited() {
			return this.exitCode != null;
		}

		private synchronized void end(int code) {
			if (this.exitCode == null) {
				this.exitCode = code;
				this.answers.add(END);
				this.exited.countDown();
			}
		}

		private void awaitEnd() {
			try {
				this.exited.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		private static Frame run(Callable<?> task) {
			try {
				FrameBuffer buffer = new FrameBuffer(256);
				ObjectCodec.write(buffer, task.call());
				return frameOf(buffer.finish(FrameType.RESULT), true);
			}
			catch (Exception ex) {
				return frameOf(FailureReport.encode(FailureKind.TASK_FAILED, null, ex, 1 << 20), true);
			}
		}

		private static Frame frameOf(FrameBuffer buffer, boolean fromWorker) {
			try {
				Frame frame = new FrameReader(new ByteArrayInputStream(buffer.toByteArray()), 1 << 20, fromWorker).read();
				if (frame == null) {
					throw new IllegalStateException("empty frame");
				}
				return frame.copy();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		@Override
		public String toString() {
			return "StubWorker[" + this.id + ", " + this.start + "]";
		}

	}

	static Function<ProcessPoolManager.Builder, ProcessPoolManager> using(StubWorkers workers) {
		return (builder) -> builder.build(workers);
	}

	static List<Integer> ids(List<Worker> workers) {
		List<Integer> ids = new ArrayList<>();
		workers.forEach((worker) -> ids.add(worker.id));
		return ids;
	}

}
