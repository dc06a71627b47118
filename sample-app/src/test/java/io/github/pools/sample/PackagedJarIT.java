package io.github.pools.sample;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Smoke test of the packaged application: after {@code package}, the executable jar is
 * started with {@code java -jar} from another working directory, answers over HTTP, runs
 * a process-pool task in a worker JVM started from the jar, and stops on SIGTERM leaving
 * no process behind (workers included). Run by Failsafe in {@code verify}.
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

}
