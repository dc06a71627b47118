package io.github.pools.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.github.pools.PoolRegistry;
import io.github.pools.PoolState;
import io.github.pools.StubProcessPool;
import io.github.pools.thread.ThreadPoolManager;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the {@code pools} endpoint and health contributor over HTTP, in a web
 * application with the whole auto-configuration: the JSON users and tools read, and the
 * status codes of the operations.
 */
class PoolsEndpointWebTests {

	private static final String[] ARGS = { "--server.port=0", "--spring.main.banner-mode=off",
			"--management.endpoints.web.exposure.include=pools,health",
			"--management.endpoint.health.show-details=always", "--spring.web.error.include-message=always",
			"--pools.thread.io.task-type=io", "--pools.thread.io.core-size=1", "--pools.thread.io.max-size=2",
			"--pools.thread.io.queue-capacity=5" };

	private static final String UNRESTRICTED = "--management.endpoint.pools.access=unrestricted";

	private final HttpClient client = HttpClient.newHttpClient();

	@Test
	void listsThreadAndProcessPoolsAsJson() throws Exception {
		try (ConfigurableApplicationContext context = run()) {
			HttpResponse<String> response = get(context, "/actuator/pools");
			assertThat(response.statusCode()).isEqualTo(200);
			JSONAssert.assertEquals("""
					{"pools": {
					  "io": {"kind": "thread", "taskType": "io", "state": "running", "lifecycle": "running",
					   "saturated": false,
					   "workers": {"current": 0, "busy": 0, "max": 2, "core": 1},
					   "queue": {"size": 0, "capacity": 5, "remaining": 5},
					   "completed": 0, "failed": 0,
					   "rejected": {"taskType": 0, "saturated": 0, "shutdown": 0, "broken": 0}},
					  "render": {"kind": "process", "taskType": "render", "state": "broken",
					   "lifecycle": "broken", "saturated": false,
					   "workers": {"current": 2, "busy": 1, "max": 2, "core": 1},
					   "queue": {"size": 3, "capacity": 10, "remaining": 7},
					   "completed": 42, "failed": 6,
					   "rejected": {"taskType": 0, "saturated": 0, "shutdown": 0, "broken": 4},
					   "processes": {"crashes": 5, "timeouts": 2, "restarts": 7, "starts": 9, "startFailures": 3,
					     "exits": {"crash": 5, "timeout": 2, "cancelled": 0, "protocolError": 0, "recycled": 0,
					               "idle": 0, "shutdown": 0},
					     "pids": [4101, 4102]}}
					}}""", response.body(), JSONCompareMode.STRICT);
			assertThat(response.body()).doesNotContain("-");
		}
	}

	@Test
	void showsOnePoolByNameAndAnswers404ForAnUnknownName() throws Exception {
		try (ConfigurableApplicationContext context = run()) {
			HttpResponse<String> io = get(context, "/actuator/pools/io");
			assertThat(io.statusCode()).isEqualTo(200);
			JSONAssert.assertEquals("{\"kind\": \"thread\", \"taskType\": \"io\"}", io.body(), JSONCompareMode.LENIENT);
			assertThat(io.body()).doesNotContain("processes");
			assertThat(get(context, "/actuator/pools/nope").statusCode()).isEqualTo(404);
		}
	}

	@Test
	void resizeIsNotOfferedByDefault() throws Exception {
		try (ConfigurableApplicationContext context = run()) {
			HttpResponse<String> response = post(context, "/actuator/pools/io", "{\"coreSize\": 2, \"maxSize\": 4}");
			assertThat(response.statusCode()).isEqualTo(405);
			assertThat(context.getBean("io", ThreadPoolManager.class).stats().maxSize()).isEqualTo(2);
		}
	}

	@Test
	void resizeIsNotOfferedWhenAccessIsReadOnly() throws Exception {
		try (ConfigurableApplicationContext context = run("--management.endpoint.pools.access=read-only")) {
			HttpResponse<String> response = post(context, "/actuator/pools/io", "{\"coreSize\": 2, \"maxSize\": 4}");
			assertThat(response.statusCode()).isEqualTo(405);
			assertThat(get(context, "/actuator/pools/io").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void resizeWithUnrestrictedAccessAppliesValidSizes() throws Exception {
		try (ConfigurableApplicationContext context = run(UNRESTRICTED)) {
			HttpResponse<String> response = post(context, "/actuator/pools/io", "{\"coreSize\": 2, \"maxSize\": 4}");
			assertThat(response.statusCode()).isEqualTo(200);
			JSONAssert.assertEquals("{\"kind\": \"thread\", \"workers\": {\"core\": 2, \"max\": 4}}", response.body(),
					JSONCompareMode.LENIENT);
			assertThat(context.getBean("io", ThreadPoolManager.class).stats().maxSize()).isEqualTo(4);
		}
	}

	@Test
	void resizeAnswers400WithTheRuleForInvalidSizes() throws Exception {
		try (ConfigurableApplicationContext context = run(UNRESTRICTED)) {
			HttpResponse<String> response = post(context, "/actuator/pools/io", "{\"coreSize\": 4, \"maxSize\": 3}");
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.body())
				.contains("Invalid setting 'max-size' of pool 'io': 3 must be at least core-size (4)");
			assertThat(post(context, "/actuator/pools/io", "{\"coreSize\": 1}").statusCode()).isEqualTo(400);
			assertThat(context.getBean("io", ThreadPoolManager.class).stats().maxSize()).isEqualTo(2);
		}
	}

	@Test
	void unknownPoolAnswers404ToEveryOperation() throws Exception {
		try (ConfigurableApplicationContext context = run(UNRESTRICTED)) {
			assertThat(get(context, "/actuator/pools/nope").statusCode()).isEqualTo(404);
			assertThat(post(context, "/actuator/pools/nope", "{\"coreSize\": 1, \"maxSize\": 1}").statusCode())
				.isEqualTo(404);
		}
	}

	@Test
	void healthIsDownWhileAPoolIsBroken() throws Exception {
		try (ConfigurableApplicationContext context = run()) {
			HttpResponse<String> response = get(context, "/actuator/health/pools");
			assertThat(response.statusCode()).isEqualTo(503);
			JSONAssert.assertEquals("""
					{"status": "DOWN", "components": {
					  "io": {"status": "UP", "details": {"state": "running", "saturated": false}},
					  "render": {"status": "DOWN", "details": {"state": "broken", "crashes": 5}}}}""",
					response.body(), JSONCompareMode.LENIENT);
		}
	}

	@Test
	void withoutPoolsTheEndpointListsNoneAndHealthIsUp() throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplication(NoPoolsApplication.class).run(
				"--server.port=0", "--spring.main.banner-mode=off",
				"--management.endpoints.web.exposure.include=pools,health")) {
			HttpResponse<String> pools = get(context, "/actuator/pools");
			assertThat(pools.statusCode()).isEqualTo(200);
			JSONAssert.assertEquals("{\"pools\": {}}", pools.body(), JSONCompareMode.STRICT);
			HttpResponse<String> health = get(context, "/actuator/health");
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(health.body()).contains("\"status\":\"UP\"");
		}
	}

	private ConfigurableApplicationContext run(String... extraArgs) {
		String[] args = new String[ARGS.length + extraArgs.length];
		System.arraycopy(ARGS, 0, args, 0, ARGS.length);
		System.arraycopy(extraArgs, 0, args, ARGS.length, extraArgs.length);
		return new SpringApplication(WebApplication.class).run(args);
	}

	private HttpResponse<String> get(ConfigurableApplicationContext context, String path) throws Exception {
		return this.client.send(HttpRequest.newBuilder(uri(context, path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(ConfigurableApplicationContext context, String path, String json)
			throws Exception {
		return this.client.send(HttpRequest.newBuilder(uri(context, path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static URI uri(ConfigurableApplicationContext context, String path) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return URI.create("http://localhost:" + port + path);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class NoPoolsApplication {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class WebApplication {

		@Bean
		StubProcessPool render(PoolRegistry registry) {
			return registry.register(new StubProcessPool("render").state(PoolState.BROKEN));
		}

	}

}
