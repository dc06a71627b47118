package io.github.pools.sample;

import java.util.Map;

import io.github.pools.PoolManager;
import io.github.pools.thread.ThreadPoolManager;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Endpoints that use the two injected pools. A refused task is answered by
 * {@link PoolErrorHandler}.
 */
@RestController
class GreetingController {

	private final ThreadPoolManager requests;

	private final PoolManager io;

	GreetingController(@Qualifier("requests") ThreadPoolManager requests, @Qualifier("io") PoolManager io) {
		this.requests = requests;
		this.io = io;
	}

	/**
	 * Greets on a thread of the {@code requests} pool.
	 */
	@GetMapping("/hello")
	DeferredResult<Map<String, String>> hello(@RequestParam(defaultValue = "world") String name) {
		return DeferredTasks.of(this.requests.submit("request",
				() -> Map.of("greeting", "Hello, " + name + "!", "thread", Thread.currentThread().getName())));
	}

	/**
	 * Tries to run a task of the given type in the {@code requests} pool: anything but
	 * {@code request} is refused with 422.
	 */
	@GetMapping("/requests/submit")
	DeferredResult<Map<String, String>> submit(@RequestParam String type) {
		return DeferredTasks.of(this.requests.submit(type, () -> Map.of("accepted", type)));
	}

	/**
	 * Simulates slow I/O on the {@code io} pool.
	 */
	@GetMapping("/io")
	DeferredResult<Map<String, Object>> slowIo(@RequestParam(defaultValue = "100") long millis) {
		return DeferredTasks.of(((ThreadPoolManager) this.io).submit("io", () -> {
			Thread.sleep(millis);
			return Map.of("slept", millis, "thread", Thread.currentThread().getName());
		}));
	}

}
