package io.github.pools.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.github.pools.PoolRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code render} process pool of the sample application, over HTTP: images come
 * from worker JVMs, and a crashing or runaway task costs one worker, never the
 * application.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "pools.process.render.task-timeout=2s")
class RenderTests {

	private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G' };

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private PoolRegistry pools;

	@Test
	void renderReturnsAPngMadeInAWorkerJvm() throws Exception {
		HttpResponse<byte[]> response = this.client.send(request("/render?width=200&height=120&iterations=100"),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
		assertThat(response.body()).startsWith(PNG_SIGNATURE);
		long worker = Long.parseLong(response.headers().firstValue("X-Worker-Pid").orElseThrow());
		assertThat(worker).isNotEqualTo(ProcessHandle.current().pid());
		assertThat(this.pools.get("render").stats().processes().pids()).contains(worker);
	}

	@Test
	void crashingTaskIsA502AndThePoolKeepsServing() throws Exception {
		long crashesBefore = this.pools.get("render").stats().processes().crashes();
		HttpResponse<String> crash = this.client.send(request("/render/crash"), HttpResponse.BodyHandlers.ofString());
		assertThat(crash.statusCode()).isEqualTo(502);
		assertThat(crash.body()).contains("\"title\":\"Worker crashed\"").contains("\"exitCode\":134");
		assertThat(this.pools.get("render").stats().processes().crashes()).isEqualTo(crashesBefore + 1);
		assertThat(this.client.send(request("/render?width=50&height=50"), HttpResponse.BodyHandlers.ofByteArray())
			.statusCode()).isEqualTo(200);
		assertThat(this.client.send(request("/hello"), HttpResponse.BodyHandlers.ofString()).statusCode())
			.isEqualTo(200);
	}

	@Test
	void runawayTaskIsKilledAtTaskTimeoutAndIsA504() throws Exception {
		HttpResponse<String> runaway = this.client.send(request("/render/runaway"),
				HttpResponse.BodyHandlers.ofString());
		assertThat(runaway.statusCode()).isEqualTo(504);
		assertThat(runaway.body()).contains("\"title\":\"Task timed out\"").contains("\"timeout\":\"PT2S\"");
		// counted when the killed worker's exit is seen, which may come after the answer
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.pools.get("render").stats().processes().timeouts()).isPositive());
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
				this.client.send(request("/render?width=50&height=50"), HttpResponse.BodyHandlers.ofByteArray())
					.statusCode())
			.isEqualTo(200));
	}

	@Test
	void loadRunsInTheWorkersOfAProcessPool() throws Exception {
		long before = this.pools.get("render").stats().completed();
		HttpResponse<String> response = this.client.send(
				HttpRequest.newBuilder(uri("/load?pool=render&tasks=6&millis=10"))
					.POST(HttpRequest.BodyPublishers.noBody())
					.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(response.body()).contains("\"kind\":\"process\"").contains("\"accepted\":6");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.pools.get("render").stats().completed() >= before + 6);
	}

	private HttpRequest request(String path) {
		return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).build();
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
