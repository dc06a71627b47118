package io.github.pools.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.pools.process.channel.FrameBuffer;
import io.github.pools.process.channel.WorkerConfig;
import org.jspecify.annotations.Nullable;

/**
 * Starts worker JVMs: the {@link WorkerCommand} in a {@link ProcessBuilder}, with the
 * application's environment minus the variables that carry JVM flags plus the pool's
 * own, and the configuration the worker reads first.
 */
final class JvmWorkerStarter implements WorkerStarter {

	private final String poolName;

	private final WorkerCommand command;

	private final Map<String, String> environment;

	private final List<String> allowedClasses;

	private final long maxMessageSize;

	private final int maxObjectDepth;

	private final byte @Nullable [] initializer;

	private final byte @Nullable [] finalizer;

	private final @Nullable ClassDataArchive archive;

	JvmWorkerStarter(String poolName, WorkerCommand command, Map<String, String> environment,
			List<String> allowedClasses, long maxMessageSize, int maxObjectDepth, byte @Nullable [] initializer,
			byte @Nullable [] finalizer, @Nullable ClassDataArchive archive) {
		this.poolName = poolName;
		this.command = command;
		this.environment = Map.copyOf(environment);
		this.allowedClasses = List.copyOf(allowedClasses);
		this.maxMessageSize = maxMessageSize;
		this.maxObjectDepth = maxObjectDepth;
		this.initializer = initializer;
		this.finalizer = finalizer;
		this.archive = archive;
	}

	@Override
	public WorkerProcess start(int workerId) throws WorkerStartException {
		String workerName = this.poolName + "#" + workerId;
		ClassDataArchive archive = this.archive;
		ClassDataArchive.Flags archiveFlags = (archive != null) ? archive.flags(workerId) : null;
		Path pending = (archiveFlags != null) ? archiveFlags.pending() : null;
		Process process;
		try {
			ProcessBuilder builder = new ProcessBuilder(this.command.command(this.poolName, workerId,
					(archiveFlags != null) ? archiveFlags.flags() : List.of()));
			WorkerCommand.prepareEnvironment(builder.environment(), this.environment);
			process = builder.start();
		}
		catch (IOException | UncheckedIOException | SecurityException ex) {
			if (archive != null && pending != null) {
				archive.exited(pending, -1);
			}
			throw new WorkerStartException("Worker " + workerName + " could not be launched with " + describe() + ": "
					+ ex.getMessage(), null, List.of(), ex);
		}
		if (archive == null || pending == null) {
			return new JvmWorkerProcess(workerName, process, configuration(workerId), this.maxMessageSize);
		}
		// Stored before the pool learns that the worker is gone, so an application that
		// stops right after its pool keeps the archive; or whenever the JVM notices the exit.
		AtomicBoolean stored = new AtomicBoolean();
		Runnable store = () -> {
			if (stored.compareAndSet(false, true)) {
				archive.exited(pending, process.exitValue());
			}
		};
		process.onExit().thenRun(store);
		return new JvmWorkerProcess(workerName, process, configuration(workerId), this.maxMessageSize, store);
	}

	private FrameBuffer configuration(int workerId) {
		return new WorkerConfig(WorkerConfig.PROTOCOL_VERSION, this.poolName, workerId, this.allowedClasses,
				this.maxMessageSize, this.maxObjectDepth, this.initializer, this.finalizer)
			.encode();
	}

	@Override
	public String describe() {
		return this.command.describe();
	}

}
