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
 * Tests that {@code /actuator/prometheus} carries the standard {@code executor_*} and
 * Pools' own {@code pools_*} series for every pool, under the names the README's alert
 * rules use.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class PrometheusScrapeTests {

	@LocalServerPort
	private int port;

	@Autowired
	private PoolRegistry pools;

	@Test
	void scrapeHasTheExecutorAndPoolsSeriesOfEveryPool() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		String scrape = response.body();
		assertThat(this.pools.names()).containsExactly("grid", "io", "render", "requests");
		for (String pool : this.pools.names()) {
			String name = "{name=\"" + pool + "\"";
			assertThat(scrape).contains("executor_completed_tasks_total" + name)
				.contains("executor_active_threads" + name)
				.contains("executor_queued_tasks" + name)
				.contains("executor_queue_remaining_tasks" + name)
				.contains("executor_pool_size_threads" + name)
				.contains("executor_pool_core_threads" + name)
				.contains("executor_pool_max_threads" + name)
				.contains("executor_seconds_count" + name)
				.contains("executor_idle_seconds_count" + name)
				.contains("pools_tasks_failed_total" + name);
			for (String reason : new String[] { "task-type", "saturated", "shutdown", "broken" }) {
				assertThat(scrape).contains("pools_tasks_rejected_total" + name + ",reason=\"" + reason + "\"}");
			}
		}
		String render = "{name=\"render\"";
		assertThat(scrape).contains("pools_workers_started_total" + render)
			.contains("pools_workers_restarted_total" + render)
			.contains("pools_workers_start_failures_total" + render)
			.contains("pools_workers_exited_total" + render + ",reason=\"crash\"}")
			.doesNotContain("pools_workers_started_total{name=\"io\"");
		String grid = "{name=\"grid\"";
		assertThat(scrape).contains("pools_tasks_submitted_total" + grid)
			.contains("pools_tasks_pending" + grid)
			.contains("pools_cluster_members" + grid)
			.doesNotContain("pools_cluster_members{name=\"io\"");
		assertThat(scrape).contains("# TYPE pools_tasks_rejected_total counter")
			.contains("# TYPE pools_workers_exited_total counter")
			.contains("# TYPE executor_queued_tasks gauge");
		// The unit is not repeated in the names of Pools' own counters.
		assertThat(scrape.lines().filter((line) -> line.startsWith("pools_")))
			.noneMatch((line) -> line.contains("_tasks_total") || line.contains("_workers_total"));
	}

}
