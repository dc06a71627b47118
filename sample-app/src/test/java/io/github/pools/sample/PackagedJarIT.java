package io.github.pools.sample;

import java.io.File;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Smoke test of the packaged application: after {@code package}, the executable jar is
 * started with {@code java -jar} from another working directory, answers over HTTP, runs
 * a process-pool task in a worker JVM started from the jar, and stops on SIGTERM leaving
 * no process behind (workers included); the same jar with {@code class-data-directory},
 * and extracted as Spring Boot recommends for deployments. Run by Failsafe in
 * {@code verify}.
 */
class PackagedJarIT {

	@Test
	void jarStartsServesAndStopsCleanly(@TempDir Path workingDirectory) throws Exception {
		Path jar = LaunchedApplication.jar();
		try (LaunchedApplication application = LaunchedApplication.start(workingDirectory, "-jar", jar.toString())) {
			HttpResponse<String> hello = application.get("/hello");
			assertThat(hello.statusCode()).isEqualTo(200);
			assertThat(hello.body()).contains("Hello, world!");
			HttpResponse<String> health = application.get("/actuator/health");
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"pools\"");
			HttpResponse<String> pools = application.get("/actuator/pools");
			assertThat(pools.statusCode()).isEqualTo(200);
			assertThat(pools.body()).contains("\"io\":{").contains("\"requests\":{").contains("\"render\":{");

			// A task of the render process pool runs in a worker JVM started from the jar,
			// through Spring Boot's launcher, and its application classes cross both ways.
			HttpResponse<byte[]> rendered = application.getBytes("/render?width=64&height=48");
			assertThat(rendered.statusCode()).as("render; output:%n%s", application.output()).isEqualTo(200);
			assertThat(rendered.body()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
			ProcessHandle worker = Workers.of(application, rendered);
			assertThat(worker.info().commandLine().orElse("")).contains("-cp " + jar)
				.contains("-Dloader.main=io.github.pools.process.worker.WorkerMain")
				.contains("org.springframework.boot.loader.launch.PropertiesLauncher");

			application.stopGracefully();
		}
		try (Stream<Path> files = Files.list(workingDirectory)) {
			assertThat(files).as("nothing written to the working directory").isEmpty();
		}
	}

	@Test
	void withAClassDataDirectoryWorkersStartFromTheUnpackedJarAndLaterFromAnArchive(@TempDir Path workingDirectory,
			@TempDir Path classData) throws Exception {
		Path jar = LaunchedApplication.jar();
		String setting = "--pools.process.render.class-data-directory=" + classData;
		try (LaunchedApplication application = LaunchedApplication.start(workingDirectory, "-jar", jar.toString(),
				setting)) {
			String commandLine = renderedBy(application);
			// The class path, not the launcher, tells: the system cuts long command lines short.
			assertThat(commandLine).as("started from the nested jars, unpacked")
				.containsPattern(Pattern.quote("-cp " + classData.resolve("boot-")) + "[0-9a-f]{24}"
						+ Pattern.quote(File.separator + "classes.jar" + File.pathSeparator))
				.doesNotContain("-XX:SharedArchiveFile");
			application.stopGracefully();
		}
		try (Stream<Path> files = Files.list(classData)) {
			assertThat(files.map((file) -> file.getFileName().toString()))
				.as("the jar unpacked, and the archive the first worker wrote when it stopped")
				.hasSize(2)
				.anyMatch((name) -> name.matches("boot-[0-9a-f]{24}"))
				.anyMatch((name) -> name.matches("worker-[0-9a-f]{24}\\.jsa"));
		}
		try (LaunchedApplication application = LaunchedApplication.start(workingDirectory, "-jar", jar.toString(),
				setting)) {
			assertThat(renderedBy(application)).as("started from the archive")
				.contains("-XX:SharedArchiveFile=" + classData.resolve("worker-"));
			application.stopGracefully();
		}
	}

	@Test
	void extractedAsSpringBootRecommendsWorkersStartFromTheApplicationJarWithoutTheLauncher(
			@TempDir Path workingDirectory, @TempDir Path extracted) throws Exception {
		Path jar = LaunchedApplication.jar();
		Path application = extracted.resolve("app");
		Process extract = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", application.toString())
			.redirectErrorStream(true)
			.redirectOutput(extracted.resolve("extract.log").toFile())
			.start();
		boolean exited = extract.waitFor(60, TimeUnit.SECONDS);
		extract.destroyForcibly();
		String extractOutput = Files.readString(extracted.resolve("extract.log"));
		assertThat(exited).as("extract within 60 s; output:%n%s", extractOutput).isTrue();
		assertThat(extract.exitValue()).as("extract; output:%n%s", extractOutput).isZero();
		Path applicationJar = application.resolve(jar.getFileName());
		assertThat(application.resolve("lib")).isDirectory();
		try (LaunchedApplication launched = LaunchedApplication.start(workingDirectory, "-jar",
				applicationJar.toString())) {
			// The application's jar names its libraries in its manifest: the JDK loads them
			// itself, so the worker needs neither Spring Boot's launcher nor any setting.
			assertThat(renderedBy(launched))
				.contains("-cp " + applicationJar + " io.github.pools.process.worker.WorkerMain")
				.doesNotContain("PropertiesLauncher");
			launched.stopGracefully();
		}
		try (Stream<Path> files = Files.list(workingDirectory)) {
			assertThat(files).as("nothing written to the working directory").isEmpty();
		}
	}

	/** Render an image and return the command line of the worker that rendered it. */
	private static String renderedBy(LaunchedApplication application) throws Exception {
		HttpResponse<byte[]> rendered = application.getBytes("/render?width=64&height=48");
		assertThat(rendered.statusCode()).as("render; output:%n%s", application.output()).isEqualTo(200);
		assertThat(rendered.body()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
		return Workers.of(application, rendered).info().commandLine().orElse("");
	}

}
