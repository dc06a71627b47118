package io.github.pools.sample;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker JVM that answered a request of the {@code render} pool.
 */
final class Workers {

	private Workers() {
	}

	/**
	 * Return the worker named by the response's {@code X-Worker-Pid} header, after
	 * checking that it is a child of the application.
	 * @param application the application that answered
	 * @param response a response of {@code /render}
	 * @return the worker process, alive
	 */
	static ProcessHandle of(LaunchedApplication application, HttpResponse<?> response) {
		long pid = Long.parseLong(response.headers().firstValue("X-Worker-Pid").orElseThrow());
		ProcessHandle worker = ProcessHandle.of(pid).orElseThrow();
		assertThat(worker.parent().map(ProcessHandle::pid)).hasValue(application.process().pid());
		return worker;
	}

}
