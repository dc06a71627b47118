package io.github.pools.autoconfigure.signal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.pools.process.ProcessPoolManager;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A web application with a process pool, run in a child JVM by
 * {@link ProcessPoolShutdownSignalTests}: its {@code /slow} request waits until the
 * application is shutting down, then submits a task to the process pool.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(SignalledApplication.SlowController.class)
public class SignalledApplication {

	public static void main(String[] args) {
		SpringApplication.run(SignalledApplication.class, args);
	}

	@RestController
	static class SlowController {

		private final CountDownLatch closing = new CountDownLatch(1);

		private final ProcessPoolManager render;

		SlowController(@Qualifier("render") ProcessPoolManager render) {
			this.render = render;
		}

		@EventListener
		void onClose(ContextClosedEvent event) {
			this.closing.countDown();
		}

		@GetMapping("/slow")
		String slow() throws Exception {
			System.out.println("SLOW REQUEST STARTED");
			this.closing.await(30, TimeUnit.SECONDS);
			Thread.sleep(300); // the web server is draining in-flight requests now
			long pid = this.render.submit("render", () -> ProcessHandle.current().pid()).get(30, TimeUnit.SECONDS);
			return "rendered in worker " + pid;
		}

	}

}
