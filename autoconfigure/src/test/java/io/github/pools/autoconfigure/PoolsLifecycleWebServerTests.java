package io.github.pools.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.pools.PoolState;
import io.github.pools.thread.ThreadPoolManager;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that pools stop after the web server: a request still in flight when the
 * application begins to shut down can submit to a pool and complete.
 */
class PoolsLifecycleWebServerTests {

	@Test
	void requestInFlightDuringShutdownCanStillSubmitToAPool() throws Exception {
		ConfigurableApplicationContext context = new SpringApplication(WebApplication.class).run("--server.port=0",
				"--server.shutdown=graceful", "--pools.thread.io.task-type=io", "--pools.thread.io.max-size=1",
				"--spring.main.banner-mode=off", "--management.endpoints.enabled-by-default=false");
		ThreadPoolManager io = context.getBean("io", ThreadPoolManager.class);
		SlowController controller = context.getBean(SlowController.class);
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		HttpClient client = HttpClient.newHttpClient();
		CompletableFuture<HttpResponse<String>> response = client.sendAsync(
				HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/slow")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(controller.requestStarted.await(10, TimeUnit.SECONDS)).isTrue();
		context.close();
		HttpResponse<String> answer = response.get(10, TimeUnit.SECONDS);
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).isEqualTo("submitted during shutdown");
		assertThat(io.state()).isEqualTo(PoolState.TERMINATED);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(SlowController.class)
	static class WebApplication {

	}

	@RestController
	static class SlowController {

		final CountDownLatch requestStarted = new CountDownLatch(1);

		final CountDownLatch closing = new CountDownLatch(1);

		private final ThreadPoolManager io;

		SlowController(@Qualifier("io") ThreadPoolManager io) {
			this.io = io;
		}

		@EventListener
		void onClose(ContextClosedEvent event) {
			this.closing.countDown();
		}

		@GetMapping("/slow")
		String slow() throws Exception {
			this.requestStarted.countDown();
			this.closing.await(10, TimeUnit.SECONDS);
			// The web server is now draining in-flight requests; pools must still run.
			Thread.sleep(200);
			return this.io.submit("io", () -> "submitted during shutdown").get(10, TimeUnit.SECONDS);
		}

	}

}
