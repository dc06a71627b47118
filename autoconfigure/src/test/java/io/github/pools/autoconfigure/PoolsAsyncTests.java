package io.github.pools.autoconfigure;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import io.github.pools.RejectionReason;
import io.github.pools.UnknownTaskTypeException;
import io.github.pools.thread.ThreadPoolManager;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@code @Async("<pool>")} and {@code @Async("<pool>:<type>")}.
 */
class PoolsAsyncTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PoolsAutoConfiguration.class, TaskExecutionAutoConfiguration.class))
		.withUserConfiguration(AsyncConfiguration.class)
		.withPropertyValues("pools.thread.io.max-size=2", "pools.thread.requests.task-type=request",
				"pools.thread.requests.max-size=2");

	@Test
	void asyncWithUntypedPoolNameRunsInThatPool() {
		this.contextRunner.run((context) -> {
			String thread = context.getBean(Jobs.class).inIo().get(10, TimeUnit.SECONDS);
			assertThat(thread).startsWith("io-");
			ThreadPoolManager io = context.getBean("io", ThreadPoolManager.class);
			await().untilAsserted(() -> assertThat(io.stats().completed()).isEqualTo(1));
		});
	}

	@Test
	void asyncWithPoolAndTaskTypeRunsInTypedPool() {
		this.contextRunner.run((context) -> {
			String thread = context.getBean(Jobs.class).inRequests().get(10, TimeUnit.SECONDS);
			assertThat(thread).startsWith("requests-");
		});
	}

	@Test
	void asyncWithoutTaskTypeOnTypedPoolIsRefusedAndCounted() {
		this.contextRunner.run((context) -> {
			Jobs jobs = context.getBean(Jobs.class);
			assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(jobs::untypedInRequests)
				.withMessageContaining("use @Async(\"requests:request\")")
				.havingRootCause()
				.isInstanceOf(UnknownTaskTypeException.class)
				.withMessage("Pool 'requests' accepts only tasks of type 'request' and refused a task without a "
						+ "task type");
			ThreadPoolManager requests = context.getBean("requests", ThreadPoolManager.class);
			assertThat(requests.stats().rejected()).containsEntry(RejectionReason.TASK_TYPE, 1L);
		});
	}

	@Test
	void asyncWithWrongTaskTypeFindsNoExecutor() {
		this.contextRunner.run((context) -> assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> context.getBean(Jobs.class).wrongType())
			.withMessageContaining("requests:report"));
	}

	@Test
	void applicationTaskExecutorStillBacksPlainAsyncAndExecutorInjection() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasBean("applicationTaskExecutor");
			assertThat(context.getBean(Executor.class)).isInstanceOf(ThreadPoolTaskExecutor.class);
			String thread = context.getBean(Jobs.class).plain().get(10, TimeUnit.SECONDS);
			assertThat(thread).doesNotStartWith("io-").doesNotStartWith("requests-");
		});
	}

	@Test
	void poolExecutorIsInjectableOnlyByQualifier() {
		this.contextRunner.withUserConfiguration(QualifiedExecutorConfiguration.class).run((context) -> {
			Executor io = context.getBean(QualifiedExecutorConfiguration.Holder.class).executor();
			assertThat(io.toString()).isEqualTo("@Async executor of pool 'io'");
		});
	}

	@Test
	void asyncReturningCompletableFutureOnASaturatedDiscardingPoolIsRefusedNotLeftPending() {
		this.contextRunner
			.withPropertyValues("pools.thread.io.max-size=1", "pools.thread.io.queue-capacity=0",
					"pools.thread.io.rejection-policy=discard")
			.run((context) -> {
				Jobs jobs = context.getBean(Jobs.class);
				java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
				ThreadPoolManager io = context.getBean("io", ThreadPoolManager.class);
				try {
					io.submit(null, () -> release.await(10, TimeUnit.SECONDS));
					await().until(() -> io.stats().busyWorkers() == 1);
					assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(jobs::inIo)
						.withRootCauseInstanceOf(io.github.pools.TaskRejectedException.class);
				}
				finally {
					release.countDown();
				}
			});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	static class AsyncConfiguration {

		@Bean
		Jobs jobs() {
			return new Jobs();
		}

	}

	static class Jobs {

		@Async("io")
		CompletableFuture<String> inIo() {
			return CompletableFuture.completedFuture(Thread.currentThread().getName());
		}

		@Async("requests:request")
		CompletableFuture<String> inRequests() {
			return CompletableFuture.completedFuture(Thread.currentThread().getName());
		}

		@Async("requests")
		CompletableFuture<String> untypedInRequests() {
			return CompletableFuture.completedFuture(Thread.currentThread().getName());
		}

		@Async("requests:report")
		CompletableFuture<String> wrongType() {
			return CompletableFuture.completedFuture(Thread.currentThread().getName());
		}

		@Async
		CompletableFuture<String> plain() {
			return CompletableFuture.completedFuture(Thread.currentThread().getName());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class QualifiedExecutorConfiguration {

		record Holder(Executor executor) {
		}

		@Bean
		Holder holder(@Qualifier("io") Executor executor) {
			return new Holder(executor);
		}

	}

}
