package io.github.pools.autoconfigure.observation;

import java.util.concurrent.CompletionException;

import io.github.pools.process.ProcessTaskObserver;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Runs each process task in a Micrometer {@link Observation} named
 * {@value #NAME}, with the low-cardinality tags {@code name} (the pool) and
 * {@code task.type} (the type the task was submitted with, {@code none} without one).
 * The observation starts at submit, as a child of the current observation, and stops
 * when the task's future completes, with the task's exception as its error.
 * <p>
 * When the registry traces (Micrometer Tracing's {@code TracingObservationHandler}), the
 * task carries the observation's span into its worker JVM as a W3C {@code traceparent}:
 * what the worker logs for the task belongs to that span.
 * <p>
 * A registry without handlers costs nothing: no observation is created.
 */
public final class ProcessTaskObservations implements ProcessTaskObserver {

	/** The name of the observation of each process task. */
	public static final String NAME = "pools.process.task";

	/** The {@code task.type} tag of a task submitted without a type. */
	public static final String NO_TASK_TYPE = "none";

	private static final boolean TRACING = ClassUtils.isPresent(
			"io.micrometer.tracing.handler.TracingObservationHandler", ProcessTaskObservations.class.getClassLoader());

	private final ObservationRegistry registry;

	/**
	 * Create observations in a registry.
	 * @param registry the registry
	 */
	public ProcessTaskObservations(ObservationRegistry registry) {
		this.registry = registry;
	}

	@Override
	public @Nullable Observed start(String pool, @Nullable String taskType) {
		if (this.registry.isNoop()) {
			return null;
		}
		Observation observation = Observation.createNotStarted(NAME, this.registry)
			.contextualName("process task " + pool)
			.lowCardinalityKeyValue("name", pool)
			.lowCardinalityKeyValue("task.type", (taskType != null) ? taskType : NO_TASK_TYPE)
			.start();
		if (observation.isNoop()) {
			return null;
		}
		return new Task(observation, TRACING ? SpanTraceparent.of(observation) : null);
	}

	private record Task(Observation observation, @Nullable String traceparent) implements Observed {

		@Override
		public void stop(@Nullable Throwable failure) {
			if (failure instanceof CompletionException && failure.getCause() != null) {
				failure = failure.getCause();
			}
			if (failure != null) {
				this.observation.error(failure);
			}
			this.observation.stop();
		}

	}

}
