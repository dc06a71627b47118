package io.github.pools.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.jspecify.annotations.Nullable;

/**
 * The command line that starts a worker JVM.
 * <p>
 * {@code <java> <channel flags> <jvm-args> -Dio.github.pools.worker=<pool>#<id>
 * -cp <class path> io.github.pools.process.worker.WorkerMain}, where
 * <ul>
 * <li>the channel flags send everything the JVM itself prints to standard error and
 * make an out-of-memory error end the worker, which the pool reports as a crash;</li>
 * <li>the class path is the application's ({@code java.class.path}) with every entry
 * made absolute, or the pool's {@code classpath} setting;</li>
 * <li>inside an executable Spring Boot jar ({@code java -jar app.jar}, whose manifest
 * names Boot's {@code JarLauncher}), the worker starts through Boot's
 * {@code PropertiesLauncher} with {@code -Dloader.main=...WorkerMain}, so it sees the
 * application's classes and nested jars;</li>
 * <li>a class path longer than {@value #ARGFILE_THRESHOLD} characters is passed in a
 * JDK argument file ({@code @file}): Linux refuses a single argument over 128 KiB and
 * Windows a command line over 32 KiB.</li>
 * </ul>
 * The {@code -Dio.github.pools.worker} property only names the worker in {@code ps}
 * and {@code jcmd} listings.
 */
final class WorkerCommand {

	/** The worker's main class. */
	static final String WORKER_MAIN = "io.github.pools.process.worker.WorkerMain";

	/**
	 * Flags that keep the JVM's own output off standard output, which carries the
	 * channel. A flight recording started by {@code -XX:StartFlightRecording} announces
	 * itself on standard output whenever warnings of its startup log are enabled
	 * anywhere; logging only its errors lets workers be profiled from the pool's
	 * {@code jvm-args}.
	 */
	static final List<String> CHANNEL_FLAGS = List.of("-XX:+DisplayVMOutputToStderr", "-Xlog:disable",
			"-Xlog:all=warning:stderr", "-Xlog:jfr+startup=error:stderr", "-XX:+ExitOnOutOfMemoryError");

	/**
	 * Variables removed from a worker's inherited environment: the JVM would apply the
	 * application's flags from them, for example a debugger port that two JVMs cannot
	 * share.
	 */
	static final List<String> STRIPPED_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

	/** Class paths longer than this go into an argument file. */
	static final int ARGFILE_THRESHOLD = 30 * 1024;

	private static final String BOOT_LOADER_PACKAGE = "org.springframework.boot.loader.";

	private final Path java;

	private final List<String> jvmArgs;

	private final String classPath;

	/** Boot's {@code PropertiesLauncher} to start through, or {@code null} to start the worker directly. */
	private final @Nullable String bootLauncher;

	private final int argfileThreshold;

	/** Written on first use; guarded by {@code this}. */
	private @Nullable Path argfile;

	WorkerCommand(Path java, List<String> jvmArgs, String classPath, @Nullable String bootLauncher,
			int argfileThreshold) {
		this.java = java;
		this.jvmArgs = List.copyOf(jvmArgs);
		this.classPath = classPath;
		this.bootLauncher = bootLauncher;
		this.argfileThreshold = argfileThreshold;
	}

	/**
	 * Work out how to start workers of a pool.
	 * @param java the {@code java} executable
	 * @param jvmArgs the pool's {@code jvm-args}
	 * @param classPathOverride the pool's {@code classpath}, or {@code null} to derive it
	 * @param javaClassPath the application's {@code java.class.path}
	 * @return the command
	 */
	static WorkerCommand create(Path java, List<String> jvmArgs, @Nullable String classPathOverride,
			String javaClassPath) {
		return create(java, jvmArgs, classPathOverride, javaClassPath, ARGFILE_THRESHOLD);
	}

	static WorkerCommand create(Path java, List<String> jvmArgs, @Nullable String classPathOverride,
			String javaClassPath, int argfileThreshold) {
		List<String> entries = absoluteEntries((classPathOverride != null) ? classPathOverride : javaClassPath);
		// A Boot jar only works through its launcher (its classes are under BOOT-INF/),
		// whether it is the application's own class path or set as the pool's.
		String bootLauncher = (entries.size() == 1) ? bootLauncher(entries.get(0)) : null;
		return new WorkerCommand(java, jvmArgs, String.join(File.pathSeparator, entries), bootLauncher,
				argfileThreshold);
	}

	/**
	 * Make every entry of a class path absolute, so the worker finds it from any working
	 * directory. A wildcard entry ({@code lib/*}) stays a wildcard.
	 */
	static List<String> absoluteEntries(String classPath) {
		List<String> entries = new ArrayList<>();
		for (String entry : classPath.split(File.pathSeparator)) {
			if (entry.isEmpty()) {
				continue;
			}
			try {
				if (entry.equals("*") || entry.endsWith(File.separator + "*") || entry.endsWith("/*")) {
					String directory = entry.substring(0, entry.length() - 1);
					Path absolute = Path.of(directory.isEmpty() ? "." : directory).toAbsolutePath().normalize();
					entries.add(absolute + File.separator + "*");
				}
				else {
					entries.add(Path.of(entry).toAbsolutePath().normalize().toString());
				}
			}
			catch (InvalidPathException ex) {
				entries.add(entry);
			}
		}
		return entries;
	}

	/**
	 * Return the {@code PropertiesLauncher} to use if the entry is an executable Spring
	 * Boot jar.
	 */
	static @Nullable String bootLauncher(String entry) {
		Path path = Path.of(entry);
		if (!entry.endsWith(".jar") || !Files.isRegularFile(path)) {
			return null;
		}
		try (JarFile jar = new JarFile(path.toFile())) {
			Manifest manifest = jar.getManifest();
			String mainClass = (manifest != null) ? manifest.getMainAttributes().getValue("Main-Class") : null;
			if (mainClass == null || !mainClass.startsWith(BOOT_LOADER_PACKAGE)) {
				return null;
			}
			int dot = mainClass.lastIndexOf('.');
			String simpleName = mainClass.substring(dot + 1);
			// WarLauncher lays classes out differently; PropertiesLauncher reads jars only.
			if (!simpleName.equals("JarLauncher") && !simpleName.equals("PropertiesLauncher")) {
				return null;
			}
			return mainClass.substring(0, dot + 1) + "PropertiesLauncher";
		}
		catch (IOException ex) {
			return null;
		}
	}

	/**
	 * Return the command line of one worker.
	 * @param poolName the pool's name
	 * @param workerId the worker's id
	 * @return the command
	 * @throws UncheckedIOException if the argument file cannot be written
	 */
	List<String> command(String poolName, int workerId) {
		return command(poolName, workerId, List.of());
	}

	/**
	 * Return the command line of one worker, with flags of its own after the pool's.
	 * @param poolName the pool's name
	 * @param workerId the worker's id
	 * @param workerFlags flags of this worker only (its class-data archive)
	 * @return the command
	 * @throws UncheckedIOException if the argument file cannot be written
	 */
	List<String> command(String poolName, int workerId, List<String> workerFlags) {
		List<String> command = new ArrayList<>(this.jvmArgs.size() + workerFlags.size() + 12);
		command.add(this.java.toString());
		command.addAll(CHANNEL_FLAGS);
		command.addAll(this.jvmArgs);
		command.addAll(workerFlags);
		command.add("-Dio.github.pools.worker=" + poolName + "#" + workerId);
		if (this.classPath.length() > this.argfileThreshold) {
			command.add("@" + argfile());
		}
		else {
			command.add("-cp");
			command.add(this.classPath);
		}
		if (this.bootLauncher != null) {
			command.add("-Dloader.main=" + WORKER_MAIN);
			command.add(this.bootLauncher);
		}
		else {
			command.add(WORKER_MAIN);
		}
		return command;
	}

	private synchronized Path argfile() {
		if (this.argfile == null) {
			try {
				Path file = Files.createTempFile("pools-worker-", ".args");
				file.toFile().deleteOnExit();
				Files.writeString(file, argfileContent(this.classPath), StandardCharsets.UTF_8);
				this.argfile = file;
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not write the worker class path to an argument file", ex);
			}
		}
		return this.argfile;
	}

	/**
	 * Return an argument file that sets the class path: the value is quoted, and
	 * backslashes and quotes in it are escaped, as the {@code java} launcher expects.
	 */
	static String argfileContent(String classPath) {
		String escaped = classPath.replace("\\", "\\\\").replace("\"", "\\\"");
		return "-cp\n\"" + escaped + "\"\n";
	}

	/**
	 * Turn the application's environment into a worker's: remove the variables that
	 * carry JVM flags, then add the pool's own variables, which may set them again.
	 * @param environment the inherited environment, changed in place
	 * @param added the pool's {@code environment}
	 */
	static void prepareEnvironment(Map<String, String> environment, Map<String, String> added) {
		STRIPPED_VARIABLES.forEach(environment::remove);
		environment.putAll(added);
	}

	/**
	 * Describe the command for a log line or an exception, with the class path
	 * shortened.
	 * @return for example {@code /opt/jdk/bin/java -Xmx256m ... -cp <42 entries> ...WorkerMain}
	 */
	String describe() {
		List<String> parts = new ArrayList<>();
		parts.add(this.java.toString());
		parts.addAll(this.jvmArgs);
		int entries = this.classPath.isEmpty() ? 0 : this.classPath.split(File.pathSeparator).length;
		parts.add("-cp");
		parts.add((entries == 1) ? this.classPath : "<" + entries + " entries>");
		if (this.bootLauncher != null) {
			parts.add("-Dloader.main=" + WORKER_MAIN);
			parts.add(this.bootLauncher);
		}
		else {
			parts.add(WORKER_MAIN);
		}
		return String.join(" ", parts);
	}

	String classPath() {
		return this.classPath;
	}

	Path java() {
		return this.java;
	}

	List<String> jvmArgs() {
		return this.jvmArgs;
	}

	@Nullable String bootLauncherClass() {
		return this.bootLauncher;
	}

	/**
	 * Return this command with another class path, which starts the worker's main class
	 * directly.
	 * @param classPath the class path, every entry absolute
	 * @return the command
	 */
	WorkerCommand withPlainClassPath(String classPath) {
		return new WorkerCommand(this.java, this.jvmArgs, classPath, null, this.argfileThreshold);
	}

}
