package io.github.pools.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
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

	private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

	private static final Duration STARTUP = Duration.ofSeconds(90);

	private final List<String> output = new CopyOnWriteArrayList<>();

	private Process process;

	@AfterEach
	void killIfStillAlive() {
		if (this.process != null && this.process.isAlive()) {
			this.process.descendants().forEach(ProcessHandle::destroyForcibly);
			this.process.destroyForcibly();
		}
	}

	@Test
	void jarStartsServesAndStopsCleanly(@TempDir Path workingDirectory) throws Exception {
		Path jar = Path.of(System.getProperty("sample.jar", "target/pools-sample-app-0.1.0-SNAPSHOT.jar"))
			.toAbsolutePath();
		assertThat(jar).as("the packaged jar; run 'mvn verify', not only 'test'").isRegularFile();
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		this.process = new ProcessBuilder(java.toString(), "-jar", jar.toString(), "--server.port=0",
				"--spring.main.banner-mode=off")
			.directory(workingDirectory.toFile())
			.redirectErrorStream(true)
			.start();
		int port = awaitPort();
		HttpClient client = HttpClient.newHttpClient();

		HttpResponse<String> hello = get(client, port, "/hello");
		assertThat(hello.statusCode()).isEqualTo(200);
		assertThat(hello.body()).contains("Hello, world!");
		HttpResponse<String> health = get(client, port, "/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"pools\"");
		HttpResponse<String> pools = get(client, port, "/actuator/pools");
		assertThat(pools.statusCode()).isEqualTo(200);
		assertThat(pools.body()).contains("\"name\":\"io\"").contains("\"name\":\"requests\"")
			.contains("\"name\":\"render\"");

		// A task of the render process pool runs in a worker JVM started from the jar,
		// through Spring Boot's launcher, and its application classes cross both ways.
		HttpResponse<byte[]> rendered = client.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/render?width=64&height=48"))
					.timeout(Duration.ofSeconds(60))
					.build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(rendered.statusCode()).as("render; output:%n%s", String.join("\n", this.output)).isEqualTo(200);
		assertThat(rendered.body()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
		long workerPid = Long.parseLong(rendered.headers().firstValue("X-Worker-Pid").orElseThrow());
		ProcessHandle worker = ProcessHandle.of(workerPid).orElseThrow();
		assertThat(worker.parent().map(ProcessHandle::pid)).hasValue(this.process.pid());
		assertThat(worker.info().commandLine().orElse("")).contains("-cp " + jar)
			.contains("-Dloader.main=io.github.pools.process.worker.WorkerMain")
			.contains("org.springframework.boot.loader.launch.PropertiesLauncher");

		List<ProcessHandle> descendants = this.process.descendants().toList();
		this.process.destroy(); // SIGTERM: a graceful shutdown
		assertThat(this.process.waitFor(60, TimeUnit.SECONDS)).as("the application to stop; output:%n%s",
				String.join("\n", this.output))
			.isTrue();
		assertThat(this.process.isAlive()).isFalse();
		assertThat(descendants).noneMatch(ProcessHandle::isAlive);
		try (Stream<Path> files = Files.list(workingDirectory)) {
			assertThat(files).as("nothing written to the working directory").isEmpty();
		}
	}

	private int awaitPort() throws Exception {
		CompletableFuture<Integer> port = new CompletableFuture<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					this.output.add(line);
					Matcher matcher = PORT.matcher(line);
					if (matcher.find()) {
						port.complete(Integer.parseInt(matcher.group(1)));
					}
				}
				port.completeExceptionally(new IllegalStateException("the application exited before it started"));
			}
			catch (IOException ex) {
				port.completeExceptionally(ex);
			}
		}, "sample-app-output");
		reader.setDaemon(true);
		reader.start();
		try {
			return port.get(STARTUP.toSeconds(), TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new AssertionError("The jar did not report its port; output:\n" + String.join("\n", this.output), ex);
		}
	}

	private static HttpResponse<String> get(HttpClient client, int port, String path) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
