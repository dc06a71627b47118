package io.github.pools.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.github.pools.PoolListener;
import io.github.pools.PoolManager;
import io.github.pools.process.ProcessPoolManager;
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

/**
 * Time from asking a pool for a worker to the worker being ready for tasks (JVM start,
 * class loading, channel hand-shake), with the default {@code jvm-args}, from this
 * benchmark's plain class path, from the sample application's executable Spring Boot
 * jar (build it first with {@code mvn -B package -DskipTests}), and from that jar
 * extracted as Spring Boot's documentation recommends for deployments
 * ({@code java -Djarmode=tools -jar app.jar extract}: the application's jar, whose
 * manifest lists its libraries in {@code lib/}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 10)
@Fork(2)
public class WorkerStartBenchmark {

	/**
	 * The benchmark's own jar ({@code plain}), the sample application's executable Spring
	 * Boot jar ({@code boot-jar}), or that jar extracted ({@code extracted}).
	 */
	@Param({ "plain", "boot-jar", "extracted" })
	public String classpath;

	/**
	 * {@code none}, or {@code archive}: the pool keeps a class-data-sharing archive
	 * ({@code class-data-directory}), written by the first worker of the warm-up, so
	 * measured workers start from it; a Boot jar's nested jars are unpacked there too, so
	 * its workers start without Boot's launcher.
	 */
	@Param({ "none", "archive" })
	public String classData;

	private static final Path SAMPLE_APP_JAR = Path.of("sample-app/target/pools-sample-app-0.1.0-SNAPSHOT.jar");

	private Path archiveDirectory;

	private Path extractedDirectory;

	private String workerClasspath;

	private ProcessPoolManager pool;

	private CountDownLatch ready;

	private final AtomicLong pid = new AtomicLong();

	@Setup(Level.Trial)
	public void createDirectories() throws Exception {
		Path jar = SAMPLE_APP_JAR.toAbsolutePath();
		if (!this.classpath.equals("plain") && !Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " not found: run 'mvn -B package -DskipTests' first");
		}
		this.archiveDirectory = Files.createTempDirectory("pools-cds-");
		if (this.classpath.equals("boot-jar")) {
			this.workerClasspath = jar.toString();
		}
		else if (this.classpath.equals("extracted")) {
			this.extractedDirectory = Files.createTempDirectory("pools-extracted-");
			try {
				this.workerClasspath = extract(jar, this.extractedDirectory.resolve("app")).toString();
			}
			catch (Exception ex) {
				deleteDirectories(); // JMH does not tear down a trial whose set-up failed
				throw ex;
			}
		}
	}

	/** Extract an executable Boot jar as Spring Boot documents it; return the application's jar. */
	private static Path extract(Path jar, Path destination) throws Exception {
		Process extract = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", destination.toString())
			.inheritIO()
			.start();
		if (!extract.waitFor(60, TimeUnit.SECONDS)) {
			extract.destroyForcibly();
			throw new IllegalStateException("extracting " + jar + " took more than 60 s");
		}
		if (extract.exitValue() != 0) {
			throw new IllegalStateException("extracting " + jar + " failed: exit code " + extract.exitValue());
		}
		return destination.resolve(jar.getFileName());
	}

	@TearDown(Level.Trial)
	public void deleteDirectories() throws IOException {
		delete(this.archiveDirectory);
		if (this.extractedDirectory != null) {
			delete(this.extractedDirectory);
		}
	}

	private static void delete(Path directory) throws IOException {
		try (Stream<Path> files = Files.walk(directory)) {
			for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
				Files.delete(file);
			}
		}
	}

	@Setup(Level.Invocation)
	public void setUp() {
		ProcessPoolManager.Builder builder = ProcessPoolManager.builder("start").maxSize(1);
		if (this.classData.equals("archive")) {
			builder.classDataDirectory(this.archiveDirectory);
		}
		if (this.workerClasspath != null) {
			builder.classpath(this.workerClasspath);
		}
		this.pool = builder.build();
		this.ready = new CountDownLatch(1);
		this.pool.addListener(new PoolListener() {
			@Override
			public void workerStarted(PoolManager pool, int workerId, long pid) {
				WorkerStartBenchmark.this.pid.set(pid);
				WorkerStartBenchmark.this.ready.countDown();
			}
		});
		this.pool.start();
	}

	@TearDown(Level.Invocation)
	public void tearDown() {
		this.pool.close();
	}

	@Benchmark
	public long startWorker() throws Exception {
		this.pool.prestart(1);
		if (!this.ready.await(60, TimeUnit.SECONDS)) {
			throw new IllegalStateException("worker not ready within 60 s");
		}
		return this.pid.get();
	}

}
