package io.github.pools.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample application started in a JVM of its own, as a user starts it: with
 * {@code java -jar} or {@code java -cp}, from a working directory of the test's choice. It
 * collects the application's output, finds its port, and stops it with SIGTERM. Closing
 * kills whatever is still alive, workers included.
 */
final class LaunchedApplication implements AutoCloseable {

	private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

	private static final Duration STARTUP = Duration.ofSeconds(90);

	private final HttpClient client = HttpClient.newHttpClient();

	private final List<String> output = new CopyOnWriteArrayList<>();

	private final Process process;

	private final int port;

	private LaunchedApplication(List<String> command, Path workingDirectory) throws Exception {
		this.process = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true).start();
		this.port = awaitPort();
	}

	/**
	 * Start the application with the JVM running the tests.
	 * @param workingDirectory the working directory of the application
	 * @param jvmArgs options of the JVM, then what to run ({@code -jar app.jar} or
	 * {@code -cp path main.Class}) and the application's arguments
	 * @return the application, once it listens
	 * @throws Exception if it cannot start
	 */
	static LaunchedApplication start(Path workingDirectory, String... jvmArgs) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(List.of(jvmArgs));
		command.add("--server.port=0");
		command.add("--spring.main.banner-mode=off");
		return new LaunchedApplication(command, workingDirectory);
	}

	/**
	 * Return the packaged executable jar, as an absolute path.
	 * @return the jar
	 */
	static Path jar() {
		Path jar = Path.of(System.getProperty("sample.jar", "target/pools-sample-app-0.1.0-SNAPSHOT.jar"))
			.toAbsolutePath();
		assertThat(jar).as("the packaged jar; run 'mvn verify', not only 'test'").isRegularFile();
		return jar;
	}

	HttpResponse<String> get(String path) throws Exception {
		return this.client.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<byte[]> getBytes(String path) throws Exception {
		return this.client.send(request(path).build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).timeout(Duration.ofSeconds(60));
	}

	Process process() {
		return this.process;
	}

	/**
	 * Return what the application wrote so far.
	 * @return its output
	 */
	String output() {
		return String.join("\n", this.output);
	}

	/**
	 * Stop the application with SIGTERM, a graceful shutdown, and check that it and every
	 * process it started (its worker JVMs) ended.
	 * @throws InterruptedException if interrupted while waiting
	 */
	void stopGracefully() throws InterruptedException {
		List<ProcessHandle> descendants = this.process.descendants().toList();
		this.process.destroy();
		assertThat(this.process.waitFor(60, TimeUnit.SECONDS)).as("the application to stop; output:%n%s", output())
			.isTrue();
		assertThat(descendants).noneMatch(ProcessHandle::isAlive);
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.descendants().forEach(ProcessHandle::destroyForcibly);
			this.process.destroyForcibly();
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
			close();
			throw new AssertionError("The application did not report its port; output:\n" + output(), ex);
		}
	}

}
