package io.github.pools.process;

import java.io.IOException;
import java.util.List;

import io.github.pools.process.channel.Frame;
import io.github.pools.process.channel.FrameBuffer;
import org.jspecify.annotations.Nullable;

/**
 * One worker process as its pool drives it: the seam between the pool's bookkeeping
 * and a real JVM ({@link JvmWorkerStarter}), so that dispatch, recycling, crashes,
 * timeouts and stopping can be tested with workers that are not processes.
 * <p>
 * The worker's own thread calls {@link #awaitReady()}, then {@link #read()} until the
 * channel ends, then {@link #awaitExit()}. Any thread may call {@link #send} and
 * {@link #kill()}.
 */
interface WorkerProcess {

	/**
	 * Return the operating system's id of the process.
	 * @return the process id
	 */
	long pid();

	/**
	 * Send the worker its configuration and wait until it reports ready.
	 * @throws WorkerStartException if it exits, fails to initialize or breaks the
	 * channel first
	 */
	void awaitReady() throws WorkerStartException;

	/**
	 * Read the worker's next frame.
	 * @return the frame, valid until the next read, or {@code null} once the channel
	 * ended
	 * @throws io.github.pools.process.channel.ProtocolException if the bytes are not a
	 * frame
	 * @throws IOException if the channel closed inside a frame
	 */
	@Nullable Frame read() throws IOException;

	/**
	 * Write a frame to the worker; a worker that is gone is killed to make sure, and its
	 * thread finds the closed channel.
	 * @param frame a task or a stop
	 */
	void send(FrameBuffer frame);

	/**
	 * Kill the worker at once.
	 */
	void kill();

	/**
	 * Return whether the worker still runs.
	 * @return {@code true} if it has not exited
	 */
	boolean isAlive();

	/**
	 * Once the channel ended: close the worker's input, wait for it to exit (killing it
	 * if it lingers) and say how it ended.
	 * @return the exit
	 */
	Exit awaitExit();

	/**
	 * How a worker process ended.
	 *
	 * @param exitCode its exit code, or {@code null} if it did not exit on its own
	 * @param stderrTail the last lines of its standard error, oldest first
	 */
	record Exit(@Nullable Integer exitCode, List<String> stderrTail) {

	}

}
