package io.github.pools.autoconfigure.observation;

import io.github.pools.process.channel.TraceParent;
import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import org.jspecify.annotations.Nullable;

/**
 * The span a tracing handler started for an observation, as a W3C {@code traceparent}.
 * Loaded only when Micrometer Tracing is on the class path.
 */
final class SpanTraceparent {

	private SpanTraceparent() {
	}

	static @Nullable String of(Observation observation) {
		TracingContext tracing = observation.getContextView().get(TracingContext.class);
		Span span = (tracing != null) ? tracing.getSpan() : null;
		if (span == null || span.isNoop()) {
			return null;
		}
		TraceContext context = span.context();
		return TraceParent.of(context.traceId(), context.spanId(), Boolean.TRUE.equals(context.sampled()));
	}

}
