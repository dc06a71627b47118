package io.github.pools.thread;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.pools.InvalidPoolSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for thread pools of virtual threads. CI runs this class on Java 17 and on
 * Java 25.
 */
class VirtualThreadsTests {

	@Test
	@EnabledForJreRange(max = JRE.JAVA_20)
	void virtualThreadsBeforeJava21ShouldFailToBuildWithClearMessage() {
		assertThatExceptionOfType(InvalidPoolSettingException.class)
			.isThrownBy(() -> ThreadPoolManager.builder("virtual").virtualThreads(true).build())
			.withMessageContaining("Invalid setting 'virtual-threads' of pool 'virtual'")
			.withMessageContaining("virtual threads need Java 21 or later");
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void virtualThreadsRunTasksWithConcurrencyBoundedByMaxSize() throws Exception {
		try (ThreadPoolManager pool = ThreadPoolManager.builder("virtual").virtualThreads(true).maxSize(3).build()) {
			pool.start();
			AtomicInteger running = new AtomicInteger();
			AtomicInteger peak = new AtomicInteger();
			List<CompletableFuture<Boolean>> futures = new ArrayList<>();
			for (int i = 0; i < 30; i++) {
				futures.add(pool.submit(null, () -> {
					peak.accumulateAndGet(running.incrementAndGet(), Math::max);
					Thread.sleep(20);
					running.decrementAndGet();
					return (Boolean) Thread.class.getMethod("isVirtual").invoke(Thread.currentThread());
				}));
			}
			for (CompletableFuture<Boolean> future : futures) {
				assertThat(future.get(10, TimeUnit.SECONDS)).isTrue();
			}
			assertThat(peak.get()).isBetween(1, 3);
			// The executor counts a task as completed just after its future completes.
			await().atMost(Duration.ofSeconds(10)).until(() -> pool.stats().completed() == 30);
			assertThat(pool.submit(null, () -> Thread.currentThread().getName()).get(10, TimeUnit.SECONDS))
				.startsWith("virtual-");
			assertThat(pool.awaitTermination(Duration.ZERO)).isFalse();
		}
	}

}
