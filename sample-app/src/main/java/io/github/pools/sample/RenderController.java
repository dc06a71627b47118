package io.github.pools.sample;

import java.util.concurrent.CompletableFuture;

import io.github.pools.process.ProcessPoolManager;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.server.ResponseStatusException;

/**
 * Endpoints of the {@code render} process pool: CPU work in worker JVMs, and two ways a
 * task can go wrong without taking the application down.
 * <ul>
 * <li>{@code GET /render} renders an image in a worker;</li>
 * <li>{@code GET /render/crash} runs a task that kills its own JVM: the request fails
 * with 502 and the pool replaces the worker;</li>
 * <li>{@code GET /render/runaway} runs a task that never ends: the pool's
 * {@code task-timeout} kills its worker and the request fails with 504.</li>
 * </ul>
 * A request that waits longer than {@code spring.mvc.async.request-timeout} (a saturated
 * pool) is answered 503, and its task is cancelled: a queued render never runs for a
 * client that has gone.
 */
@RestController
class RenderController {

	static final int MAX_PIXELS = 4_000_000;

	private final ProcessPoolManager render;

	RenderController(@Qualifier("render") ProcessPoolManager render) {
		this.render = render;
	}

	@GetMapping("/render")
	DeferredResult<ResponseEntity<byte[]>> render(@RequestParam(defaultValue = "640") int width,
			@RequestParam(defaultValue = "400") int height, @RequestParam(defaultValue = "300") int iterations) {
		if (width < 1 || height < 1 || (long) width * height > MAX_PIXELS || iterations < 1 || iterations > 100_000) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"width x height must be 1.." + MAX_PIXELS + " pixels and iterations 1..100000");
		}
		CompletableFuture<Mandelbrot.Image> task = this.render.submit("render",
				new Mandelbrot(width, height, iterations));
		return DeferredTasks.of(task.thenApply((image) -> ResponseEntity.ok()
			.contentType(MediaType.IMAGE_PNG)
			.header("X-Worker-Pid", Long.toString(image.pid()))
			.header("X-Render-Millis", Long.toString(image.millis()))
			.body(image.png())), task);
	}

	@GetMapping("/render/crash")
	DeferredResult<String> crash() {
		return DeferredTasks.of(this.render.submit("render", () -> {
			Runtime.getRuntime().halt(134); // as a native crash would
			return "unreachable";
		}));
	}

	@GetMapping("/render/runaway")
	DeferredResult<String> runaway() {
		return DeferredTasks.of(this.render.submit("render", () -> {
			long spins = 0;
			while (!Thread.currentThread().isInterrupted()) {
				spins++; // ignores everything but a kill
			}
			return "stopped after " + spins;
		}));
	}

}
