package io.github.pools.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.github.pools.PoolKind;
import io.github.pools.PoolRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code grid} cluster pool of the sample application, over HTTP, on the one
 * Hazelcast member the application starts from its {@code hazelcast.yaml}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class GridTests {

	@LocalServerPort
	private int port;

	@Autowired
	private PoolRegistry pools;

	@Test
	void gridCountsPrimesInSlicesOnTheClusterAndSaysWhereEachRan() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/grid?tasks=4")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		// 148933 primes below two million, in four slices that each name their member
		assertThat(response.body()).contains("\"member\":\"[127.0.0.1]:").contains("\"pid\":");
		int primes = java.util.regex.Pattern.compile("\"primes\":(\\d+)")
			.matcher(response.body())
			.results()
			.mapToInt((match) -> Integer.parseInt(match.group(1)))
			.sum();
		assertThat(primes).isEqualTo(148933);
		assertThat(this.pools.get("grid").kind()).isEqualTo(PoolKind.CLUSTER);
		assertThat(this.pools.get("grid").stats().completed()).isGreaterThanOrEqualTo(4);
	}

}
