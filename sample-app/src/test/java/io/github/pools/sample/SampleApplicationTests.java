package io.github.pools.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.github.pools.PoolRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the sample application's own endpoints, over HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleApplicationTests {

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private PoolRegistry pools;

	@Test
	void helloRunsOnTheRequestsPool() throws Exception {
		HttpResponse<String> response = send("GET", "/hello?name=test");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("Hello, test!").contains("requests-");
	}

	@Test
	void wrongTaskTypeIsA422ProblemNamingThePoolAndBothTypes() throws Exception {
		HttpResponse<String> response = send("GET", "/requests/submit?type=report");
		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"title\":\"Task type refused\"")
			.contains("\"pool\":\"requests\"")
			.contains("\"acceptedType\":\"request\"")
			.contains("\"givenType\":\"report\"");
	}

	@Test
	void loadSubmitsTasksWithThePoolsOwnType() throws Exception {
		long before = this.pools.get("io").stats().completed();
		HttpResponse<String> response = send("POST", "/load?pool=io&tasks=4&millis=0");
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(response.body()).contains("\"taskType\":\"io\"").contains("\"accepted\":4");
		org.awaitility.Awaitility.await()
			.until(() -> this.pools.get("io").stats().completed() >= before + 4);
	}

	@Test
	void loadOfTheWrongTypeIsRefusedTaskByTask() throws Exception {
		HttpResponse<String> response = send("POST", "/load?pool=requests&tasks=3&type=io");
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(response.body()).contains("\"accepted\":0").contains("\"taskType\":3");
	}

	@Test
	void loadOfAnUnknownPoolIs404AndOfTooManyTasksIs400() throws Exception {
		assertThat(send("POST", "/load?pool=nope").statusCode()).isEqualTo(404);
		assertThat(send("POST", "/load?pool=io&tasks=100000").statusCode()).isEqualTo(400);
	}

	@Test
	void livePageIsServedAtTheRoot() throws Exception {
		HttpResponse<String> response = send("GET", "/");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("<script src=\"app.js\"></script>");
		assertThat(send("GET", "/app.js").statusCode()).isEqualTo(200);
		assertThat(send("GET", "/style.css").statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> send(String method, String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
