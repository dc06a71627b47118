package io.github.pools.benchmarks.shapes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The first tasks of a pool the application has just started, in a JVM that has just
 * started: what a user sees after a deployment. Each fork starts the Boot application
 * (whose pool starts its workers on demand, as Python's {@code ProcessPoolExecutor}
 * does), runs one shape once and stops. Score: milliseconds for the whole shape, from
 * the first submit to the last result, worker start included; divide by the task count
 * ({@link Shapes#FRESH_TASKS}, or {@link Shapes#MAP_ITEMS} for {@code map}) for a cost
 * per task.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(5)
public class FreshPoolBenchmark {

	@Param({ "roundTrips", "submitAll", "map" })
	public String shape;

	/**
	 * {@code none}, or {@code archive}: the pool sets {@code class-data-directory} and
	 * an earlier run of the application has left its workers' class-data archive there,
	 * as after a first deployment; the archive is written before the measured JVM starts,
	 * by a run of {@link ProfileShapes} in a JVM of its own.
	 */
	@Param({ "none", "archive" })
	public String classData;

	private ConfigurableApplicationContext context;

	@Setup(Level.Iteration)
	public void startApplication() throws Exception {
		if (this.classData.equals("archive")) {
			Path directory = classDataDirectory();
			String setting = "--pools.process.bench.class-data-directory=" + directory;
			if (!hasArchive(directory)) {
				writeArchive(setting, directory);
			}
			this.context = BenchApp.start(setting);
		}
		else {
			this.context = BenchApp.start();
		}
	}

	/** Beside the benchmarks' jar, so every fork and round finds the same archive. */
	private static Path classDataDirectory() throws Exception {
		Path jar = Path.of(FreshPoolBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		return jar.toAbsolutePath().resolveSibling("fresh-pool-class-data");
	}

	/**
	 * Whether the directory holds an archive of this build: archives older than the
	 * benchmarks' jar are of an earlier build, whose workers' class path differed, and
	 * are deleted so that no measurement runs without an archive.
	 */
	private static boolean hasArchive(Path directory) throws Exception {
		if (!Files.isDirectory(directory)) {
			return false;
		}
		Path jar = Path.of(FreshPoolBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		FileTime built = Files.getLastModifiedTime(jar);
		boolean found = false;
		try (Stream<Path> files = Files.list(directory)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				if (!file.getFileName().toString().endsWith(".jsa")) {
					continue;
				}
				if (Files.getLastModifiedTime(file).compareTo(built) < 0) {
					Files.delete(file);
				}
				else {
					found = true;
				}
			}
		}
		return found;
	}

	private static void writeArchive(String setting, Path directory) throws Exception {
		Path output = Files.createTempFile("pools-fresh-class-data-", ".log");
		try {
			Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
					System.getProperty("java.class.path"), ProfileShapes.class.getName(), "fresh", setting)
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			if (run.waitFor() != 0 || !hasArchive(directory)) {
				throw new IllegalStateException("The run that writes the class-data archive (exit code "
						+ run.exitValue() + ") left none in " + directory + "; its output:\n"
						+ Files.readString(output));
			}
		}
		finally {
			Files.delete(output);
		}
	}

	@TearDown(Level.Iteration)
	public void stopApplication() {
		this.context.close();
	}

	@Benchmark
	public long firstTasks() {
		var pool = BenchApp.pool(this.context);
		return switch (this.shape) {
			case "roundTrips" -> Shapes.roundTrips(pool, Shapes.FRESH_TASKS);
			case "submitAll" -> Shapes.submitAll(pool, Shapes.FRESH_TASKS);
			case "map" -> Shapes.map(pool, 1);
			default -> throw new IllegalArgumentException(this.shape);
		};
	}

}
