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
 * benchmark's plain class path and from the sample application's executable Spring Boot
 * jar (build it first with {@code mvn -B package -DskipTests}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 10)
@Fork(2)
public class WorkerStartBenchmark {

	/** The benchmark's own jar, or the path of an executable Spring Boot jar. */
	@Param({ "plain", "sample-app/target/pools-sample-app-0.1.0-SNAPSHOT.jar" })
	public String classpath;

	/**
	 * {@code none}, or {@code archive}: the pool keeps a class-data-sharing archive
	 * ({@code class-data-directory}), written by the first worker of the warm-up, so
	 * measured workers start from it; a Boot jar's nested jars are unpacked there too, so
	 * its workers start without Boot's launcher.
	 */
	@Param({ "none", "archive" })
	public String classData;

	private Path archiveDirectory;

	private ProcessPoolManager pool;

	private CountDownLatch ready;

	private final AtomicLong pid = new AtomicLong();

	@Setup(Level.Trial)
	public void createArchiveDirectory() throws IOException {
		this.archiveDirectory = Files.createTempDirectory("pools-cds-");
	}

	@TearDown(Level.Trial)
	public void deleteArchiveDirectory() throws IOException {
		try (Stream<Path> files = Files.walk(this.archiveDirectory)) {
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
		if (!this.classpath.equals("plain")) {
			Path jar = Path.of(this.classpath).toAbsolutePath();
			if (!Files.isRegularFile(jar)) {
				throw new IllegalStateException(jar + " not found: run 'mvn -B package -DskipTests' first");
			}
			builder.classpath(jar.toString());
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
