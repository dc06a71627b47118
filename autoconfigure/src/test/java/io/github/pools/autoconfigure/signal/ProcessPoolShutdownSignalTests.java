package io.github.pools.autoconfigure.signal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code SIGTERM} to an application with a process pool: the pool must stop after the
 * web server has drained its requests, as on a context close, and not earlier through
 * a JVM shutdown hook of its own. A request still in flight then submits to the process
 * pool and succeeds, and no worker outlives the application.
 */
class ProcessPoolShutdownSignalTests {

	private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

	private final List<String> output = new CopyOnWriteArrayList<>();

	private Process application;

	@AfterEach
	void killIfStillAlive() {
		if (this.application != null && this.application.isAlive()) {
			this.application.descendants().forEach(ProcessHandle::destroyForcibly);
			this.application.destroyForcibly();
		}
	}

	@Test
	void requestInFlightAtSigtermCanStillUseTheProcessPool() throws Exception {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		this.application = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
				SignalledApplication.class.getName(), "--server.port=0", "--server.shutdown=graceful",
				"--spring.main.banner-mode=off", "--pools.process.render.task-type=render",
				"--pools.process.render.max-size=1", "--pools.process.render.prestart=true")
			.redirectErrorStream(true)
			.start();
		CompletableFuture<Integer> port = new CompletableFuture<>();
		CompletableFuture<Void> slowStarted = new CompletableFuture<>();
		readOutput(port, slowStarted);
		int httpPort = port.get(90, TimeUnit.SECONDS);
		CompletableFuture<HttpResponse<String>> response = HttpClient.newHttpClient()
			.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/slow"))
				.timeout(Duration.ofSeconds(60))
				.build(), HttpResponse.BodyHandlers.ofString());
		slowStarted.get(30, TimeUnit.SECONDS);
		List<ProcessHandle> descendants = this.application.descendants().toList();
		assertThat(descendants).as("the render worker").isNotEmpty();
		this.application.destroy(); // SIGTERM
		HttpResponse<String> answer = response.get(60, TimeUnit.SECONDS);
		assertThat(answer.statusCode()).as("output:%n%s", String.join("\n", this.output)).isEqualTo(200);
		assertThat(answer.body()).startsWith("rendered in worker ");
		assertThat(this.application.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(descendants).noneMatch(ProcessHandle::isAlive);
	}

	private void readOutput(CompletableFuture<Integer> port, CompletableFuture<Void> slowStarted) {
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(this.application.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					this.output.add(line);
					Matcher matcher = PORT.matcher(line);
					if (matcher.find()) {
						port.complete(Integer.parseInt(matcher.group(1)));
					}
					if (line.contains("SLOW REQUEST STARTED")) {
						slowStarted.complete(null);
					}
				}
				port.completeExceptionally(new IllegalStateException("exited: " + String.join("\n", this.output)));
			}
			catch (Exception ex) {
				port.completeExceptionally(ex);
			}
		}, "signalled-application-output");
		reader.setDaemon(true);
		reader.start();
	}

}
