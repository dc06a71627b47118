package io.github.pools.actuate;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.pools.DefaultPoolRegistry;
import io.github.pools.PoolState;
import io.github.pools.StubProcessPool;
import io.github.pools.UnknownTaskTypeException;
import io.github.pools.actuate.PoolsEndpoint.PoolDescriptor;
import io.github.pools.actuate.PoolsEndpoint.ProcessesDescriptor;
import io.github.pools.actuate.PoolsEndpoint.QueueDescriptor;
import io.github.pools.actuate.PoolsEndpoint.WorkersDescriptor;
import io.github.pools.thread.ThreadPoolManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.annotation.AnnotatedElementUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link PoolsEndpoint} and {@link PoolsEndpointWebExtension}, without Spring.
 */
@ExtendWith(OutputCaptureExtension.class)
class PoolsEndpointTests {

	private final DefaultPoolRegistry registry = new DefaultPoolRegistry();

	@AfterEach
	void closePools() {
		this.registry.close();
	}

	@Test
	void poolsAreKeyedByNameInAscendingOrder() {
		start(ThreadPoolManager.builder("io").maxSize(1));
		this.registry.register(new StubProcessPool("render"));
		start(ThreadPoolManager.builder("cpu").maxSize(1));
		Map<String, PoolDescriptor> pools = new PoolsEndpoint(this.registry).pools().pools();
		assertThat(pools).containsOnlyKeys("cpu", "io", "render");
		assertThat(pools.keySet()).containsExactly("cpu", "io", "render");
		assertThat(pools.get("render").kind()).isEqualTo("process");
	}

	@Test
	void threadPoolIsDescribedFromItsStatistics() throws Exception {
		ThreadPoolManager io = start(
				ThreadPoolManager.builder("io").taskType("io").coreSize(1).maxSize(2).queueCapacity(5));
		CountDownLatch release = new CountDownLatch(1);
		PoolDescriptor pool;
		try {
			io.submit("io", () -> release.await(10, TimeUnit.SECONDS));
			io.submit("io", () -> release.await(10, TimeUnit.SECONDS));
			await().until(() -> io.stats().queued() == 1);
			assertThatExceptionOfType(UnknownTaskTypeException.class).isThrownBy(() -> io.submit("wrong", () -> 1));
			pool = new PoolsEndpoint(this.registry).pool("io");
		}
		finally {
			release.countDown();
		}
		assertThat(pool).isNotNull();
		assertThat(pool.kind()).isEqualTo("thread");
		assertThat(pool.taskType()).isEqualTo("io");
		assertThat(pool.state()).isEqualTo("running");
		assertThat(pool.lifecycle()).isEqualTo("running");
		assertThat(pool.saturated()).isFalse();
		assertThat(pool.workers()).isEqualTo(new WorkersDescriptor(1, 1, 2, 1));
		assertThat(pool.queue()).isEqualTo(new QueueDescriptor(1, 5, 4));
		assertThat(pool.rejected()).containsExactly(Map.entry("taskType", 1L), Map.entry("saturated", 0L),
				Map.entry("shutdown", 0L), Map.entry("broken", 0L));
		assertThat(pool.processes()).isNull();
	}

	@Test
	void processPoolShowsItsWorkerJvms() {
		this.registry.register(new StubProcessPool("render").state(PoolState.BROKEN));
		PoolDescriptor pool = new PoolsEndpoint(this.registry).pool("render");
		assertThat(pool).isNotNull();
		assertThat(pool.kind()).isEqualTo("process");
		assertThat(pool.state()).isEqualTo("broken");
		assertThat(pool.lifecycle()).isEqualTo("broken");
		assertThat(pool.completed()).isEqualTo(42);
		assertThat(pool.failed()).isEqualTo(6);
		assertThat(pool.rejected()).containsEntry("broken", 4L);
		ProcessesDescriptor processes = pool.processes();
		assertThat(processes).isNotNull();
		assertThat(processes.crashes()).isEqualTo(5);
		assertThat(processes.timeouts()).isEqualTo(2);
		assertThat(processes.starts()).isEqualTo(9);
		assertThat(processes.restarts()).isEqualTo(7);
		assertThat(processes.startFailures()).isEqualTo(3);
		assertThat(processes.exits()).containsOnlyKeys("crash", "timeout", "cancelled", "protocolError", "recycled",
				"idle", "shutdown");
		assertThat(processes.pids()).containsExactly(4101L, 4102L);
	}

	@Test
	void stateIsRunningStoppedOrBroken() {
		assertThat(PoolDescriptions.state(PoolState.NEW)).isEqualTo("stopped");
		assertThat(PoolDescriptions.state(PoolState.RUNNING)).isEqualTo("running");
		assertThat(PoolDescriptions.state(PoolState.STOPPING)).isEqualTo("stopped");
		assertThat(PoolDescriptions.state(PoolState.TERMINATED)).isEqualTo("stopped");
		assertThat(PoolDescriptions.state(PoolState.BROKEN)).isEqualTo("broken");
	}

	@Test
	void unknownPoolIsNullWhichIsA404() {
		assertThat(new PoolsEndpoint(this.registry).pool("nope")).isNull();
	}

	@Test
	void endpointIsReadOnlyUnlessAccessIsGranted() {
		Endpoint endpoint = AnnotatedElementUtils.findMergedAnnotation(PoolsEndpoint.class, Endpoint.class);
		assertThat(endpoint).isNotNull();
		assertThat(endpoint.id()).isEqualTo("pools");
		assertThat(endpoint.defaultAccess()).isEqualTo(Access.READ_ONLY);
	}

	@Test
	void resizeAppliesValidSizesAndLogsTheChange(CapturedOutput output) {
		ThreadPoolManager io = start(ThreadPoolManager.builder("io").coreSize(1).maxSize(2));
		PoolDescriptor resized = new PoolsEndpoint(this.registry).resize("io", 2, 4);
		assertThat(resized.workers().core()).isEqualTo(2);
		assertThat(resized.workers().max()).isEqualTo(4);
		assertThat(io.stats().coreSize()).isEqualTo(2);
		assertThat(io.stats().maxSize()).isEqualTo(4);
		assertThat(output).contains("INFO")
			.contains("Pool 'io' resized through the pools endpoint: core size 1 -> 2, max size 2 -> 4");
	}

	@Test
	void resizeBelowCoreSizeIsABadRequestWithTheRuleAndChangesNothing() {
		ThreadPoolManager io = start(ThreadPoolManager.builder("io").coreSize(1).maxSize(2));
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> new PoolsEndpoint(this.registry).resize("io", 4, 3))
			.satisfies((ex) -> assertThat(ex.getReason())
				.isEqualTo("Invalid setting 'max-size' of pool 'io': 3 must be at least core-size (4)"));
		assertThat(io.stats().coreSize()).isEqualTo(1);
		assertThat(io.stats().maxSize()).isEqualTo(2);
	}

	@Test
	void resizeToZeroIsABadRequest() {
		start(ThreadPoolManager.builder("io").maxSize(2));
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> new PoolsEndpoint(this.registry).resize("io", 0, 0))
			.satisfies((ex) -> assertThat(ex.getReason()).endsWith("0 must be at least 1"));
	}

	@Test
	void resizeOfUnknownPoolIsNullAndA404OverHttp() {
		start(ThreadPoolManager.builder("io").maxSize(1));
		PoolsEndpoint endpoint = new PoolsEndpoint(this.registry);
		assertThat(endpoint.resize("nope", 1, 1)).isNull();
		WebEndpointResponse<PoolDescriptor> response = new PoolsEndpointWebExtension(endpoint).resize("nope", 1, 1);
		assertThat(response.getStatus()).isEqualTo(WebEndpointResponse.STATUS_NOT_FOUND);
		assertThat(response.getBody()).isNull();
	}

	@Test
	void resizeOverHttpAnswersThePoolAfterTheChange() {
		start(ThreadPoolManager.builder("io").coreSize(1).maxSize(2));
		WebEndpointResponse<PoolDescriptor> response = new PoolsEndpointWebExtension(
				new PoolsEndpoint(this.registry))
			.resize("io", 1, 3);
		assertThat(response.getStatus()).isEqualTo(WebEndpointResponse.STATUS_OK);
		assertThat(response.getBody().workers().max()).isEqualTo(3);
	}

	private ThreadPoolManager start(ThreadPoolManager.Builder builder) {
		ThreadPoolManager pool = this.registry.register(builder.build());
		pool.start();
		return pool;
	}

}
