package io.github.pools.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

import io.github.pools.PoolRegistry;
import io.github.pools.PoolStats;
import io.github.pools.WorkerExitReason;
import io.github.pools.process.ProcessPoolManager;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that a request that waits too long for a saturated {@code render} pool is answered
 * with a problem detail, and that its task is cancelled: a queued render leaves the queue
 * and a running one loses its worker, instead of running for a client that has gone.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.mvc.async.request-timeout=1s", "pools.process.render.max-size=1",
				"pools.process.render.task-timeout=60s" })
class AbandonedRequestTests {

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private PoolRegistry pools;

	@Autowired
	@Qualifier("render")
	private ProcessPoolManager render;

	@Test
	void queuedRequestThatTimesOutIsA503ProblemAndLeavesTheQueue() throws Exception {
		// The worker is held by a task no request waits for, so no request timeout frees it
		// early and lets the queued render run in time (the request under test then got 200).
		CompletableFuture<String> holder = this.render.submit("render", AbandonedRequestTests::spinUntilKilled);
		try {
			await().until(() -> render().busyWorkers() == 1);
			CompletableFuture<HttpResponse<String>> queued = send("/render?width=64&height=48");
			await().until(() -> render().queued() == 1);

			HttpResponse<String> response = queued.get();
			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
			assertThat(response.body()).contains("\"title\":\"Request timed out\"").contains("\"status\":503");
			assertThat(render().queued()).as("the queued render left the queue").isZero();
			assertThat(holder).as("the task holding the worker is untouched").isNotDone();
		}
		finally {
			long cancelledWorkers = cancelledWorkers();
			holder.cancel(true);
			// Its worker's kill is counted before the next test reads the count.
			await().until(() -> cancelledWorkers() == cancelledWorkers + 1);
		}
	}

	@Test
	void runningRequestThatTimesOutIsA503ProblemAndItsWorkerIsKilled() throws Exception {
		long cancelledWorkers = cancelledWorkers();
		HttpResponse<String> response = send("/render/runaway").get();
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.body()).contains("\"status\":503");
		await().untilAsserted(() -> assertThat(cancelledWorkers())
			.as("the worker of the running task was killed")
			.isEqualTo(cancelledWorkers + 1));
	}

	private long cancelledWorkers() {
		return render().processes().exits().get(WorkerExitReason.CANCELLED);
	}

	private static String spinUntilKilled() {
		long spins = 0;
		while (!Thread.currentThread().isInterrupted()) {
			spins++; // ignores everything but a kill
		}
		return "stopped after " + spins;
	}

	@Test
	void errorsOfSpringMvcAreProblemsToo() throws Exception {
		HttpResponse<String> unknownPath = send("/no/such/path").get();
		assertThat(unknownPath.statusCode()).isEqualTo(404);
		assertThat(unknownPath.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		HttpResponse<String> badParameter = send("/render?width=wide").get();
		assertThat(badParameter.statusCode()).isEqualTo(400);
		assertThat(badParameter.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		HttpResponse<String> tooLarge = send("/render?width=100000&height=100000").get();
		assertThat(tooLarge.statusCode()).isEqualTo(400);
		assertThat(tooLarge.body()).contains("\"detail\":\"width x height must be");
	}

	private PoolStats render() {
		return this.pools.get("render").stats();
	}

	private CompletableFuture<HttpResponse<String>> send(String path) {
		return this.client.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
