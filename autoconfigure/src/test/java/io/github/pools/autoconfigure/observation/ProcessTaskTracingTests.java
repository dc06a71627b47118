package io.github.pools.autoconfigure.observation;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.github.pools.process.ProcessPoolManager;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A process task carries its observation's span into a real worker JVM: the worker's
 * MDC holds the trace and span ids while the task runs.
 */
class ProcessTaskTracingTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final SimpleTracer tracer = new SimpleTracer();

	private final ObservationRegistry registry = ObservationRegistry.create();

	private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

	private final AtomicBoolean observing = new AtomicBoolean(true);

	private ProcessPoolManager pool;

	@BeforeEach
	void observeWithTracing() {
		this.registry.observationConfig()
			.observationPredicate((name, context) -> !name.equals(ProcessTaskObservations.NAME) || this.observing.get())
			.observationHandler(new DefaultTracingObservationHandler(this.tracer))
			.observationHandler(new ObservationHandler<>() {

				@Override
				public void onStop(Observation.Context context) {
					ProcessTaskTracingTests.this.stopped.add(context);
				}

				@Override
				public boolean supportsContext(Observation.Context context) {
					return true;
				}

			});
		this.pool = ProcessPoolManager.builder("traced")
			.taskType("render")
			.maxSize(1)
			.taskObserver(new ProcessTaskObservations(this.registry))
			.build();
		this.pool.start();
	}

	@AfterEach
	void closePool() {
		this.pool.close();
		await("worker JVMs left behind").atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.current()
			.descendants()
			.filter(ProcessHandle::isAlive)
			.noneMatch((process) -> process.info().commandLine().orElse("").contains("WorkerMain")));
	}

	@Test
	void workerLogsTheTaskUnderTheSpanOfItsObservationInTheCallersTrace() {
		Observation request = Observation.start("request", this.registry);
		CompletableFuture<String> ids;
		try (Observation.Scope scope = request.openScope()) {
			ids = this.pool.submit("render", () -> MDC.get("traceId") + " " + MDC.get("spanId") + " "
					+ MDC.get("traceparent"));
		}
		String[] worker = ids.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join().split(" ");
		request.stop();
		Span requestSpan = span(request.getContext());
		await().atMost(WAIT).until(() -> taskContexts().size() == 1);
		Observation.Context task = taskContexts().get(0);
		SimpleSpan taskSpan = (SimpleSpan) span(task);
		assertThat(worker[0]).isEqualTo(requestSpan.context().traceId());
		assertThat(worker[1]).isEqualTo(taskSpan.context().spanId()).isNotEqualTo(requestSpan.context().spanId());
		assertThat(taskSpan.context().parentId()).isEqualTo(requestSpan.context().spanId());
		assertThat(taskSpan.context().traceId()).isEqualTo(requestSpan.context().traceId());
		assertThat(worker[2]).isEqualTo("00-0000000000000000" + requestSpan.context().traceId() + "-"
				+ taskSpan.context().spanId() + (Boolean.TRUE.equals(taskSpan.context().sampled()) ? "-01" : "-00"));
		assertThat(task.getLowCardinalityKeyValues()).containsExactlyInAnyOrder(KeyValue.of("name", "traced"),
				KeyValue.of("task.type", "render"));
		assertThat(task.getError()).isNull();
		assertThat(taskSpan.getEndTimestamp()).isNotNull();
	}

	@Test
	void failingTaskRecordsItsErrorOnTheObservation() {
		CompletableFuture<String> failing = this.pool.submit("render", () -> {
			throw new IllegalStateException("no paper");
		});
		assertThat(failing).failsWithin(WAIT);
		await().atMost(WAIT).until(() -> taskContexts().size() == 1);
		Observation.Context task = taskContexts().get(0);
		assertThat(task.getError()).hasMessageContaining("no paper");
		SimpleSpan taskSpan = (SimpleSpan) span(task);
		assertThat(taskSpan.getError()).isSameAs(task.getError());
	}

	@Test
	void untracedTaskAfterATracedOneFindsTheWorkersMdcCleared() {
		String traced = this.pool.submit("render", () -> MDC.get("traceId")).orTimeout(30, TimeUnit.SECONDS).join();
		assertThat(traced).hasSize(16);
		this.observing.set(false);
		String untraced = this.pool.submit("render", () -> MDC.get("traceId") + "/" + MDC.get("spanId"))
			.orTimeout(30, TimeUnit.SECONDS)
			.join();
		assertThat(untraced).isEqualTo("null/null");
		assertThat(this.pool.stats().processes().starts()).isOne();
	}

	@Test
	void linesTheTaskPrintsAreLoggedWithItsIds() {
		List<String> logged = new CopyOnWriteArrayList<>();
		Handler handler = new Handler() {

			@Override
			public void publish(LogRecord record) {
				logged.add(record.getMessage());
			}

			@Override
			public void flush() {
			}

			@Override
			public void close() {
			}

		};
		Logger workerOutput = Logger.getLogger("io.github.pools.process.WorkerOutput");
		workerOutput.addHandler(handler);
		try {
			String[] ids = this.pool.submit("render", () -> {
				System.out.println("drawing");
				return MDC.get("traceId") + " " + MDC.get("spanId");
			}).orTimeout(30, TimeUnit.SECONDS).join().split(" ");
			this.pool.submit("render", () -> {
				System.out.println("drawing again");
				return null;
			}).orTimeout(30, TimeUnit.SECONDS).join();
			await().atMost(WAIT).until(() -> logged.stream().anyMatch((line) -> line.endsWith("] drawing again")));
			assertThat(logged).contains("[traced#1 trace=" + ids[0] + " span=" + ids[1] + "] drawing")
				.noneMatch((line) -> line.contains("pools-trace"));
		}
		finally {
			workerOutput.removeHandler(handler);
		}
	}

	private static Span span(Observation.Context context) {
		TracingContext tracing = context.get(TracingContext.class);
		return tracing.getSpan();
	}

	private List<Observation.Context> taskContexts() {
		return this.stopped.stream().filter((context) -> context.getName().equals(ProcessTaskObservations.NAME)).toList();
	}

}
