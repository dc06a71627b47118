package io.github.pools.process.worker;

import io.github.pools.process.channel.TraceParent;
import org.slf4j.MDC;

/**
 * Puts a traced task's ids into SLF4J's {@link MDC} while it runs, so that the worker's
 * own log lines for the task show its trace. Loaded only when {@code org.slf4j.MDC} is
 * on the worker's class path (see {@link Worker}); SLF4J is not a dependency of the
 * worker.
 */
final class TraceMdc {

	/** The MDC keys Spring Boot's log patterns and Micrometer Tracing use. */
	static final String TRACE_ID = "traceId";

	static final String SPAN_ID = "spanId";

	static final String TRACEPARENT = "traceparent";

	void put(String traceparent) {
		MDC.put(TRACE_ID, TraceParent.traceId(traceparent));
		MDC.put(SPAN_ID, TraceParent.spanId(traceparent));
		MDC.put(TRACEPARENT, traceparent);
	}

	void clear() {
		MDC.remove(TRACE_ID);
		MDC.remove(SPAN_ID);
		MDC.remove(TRACEPARENT);
	}

}
