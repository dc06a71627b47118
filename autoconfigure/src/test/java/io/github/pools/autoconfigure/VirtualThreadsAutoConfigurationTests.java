package io.github.pools.autoconfigure;

import java.util.concurrent.TimeUnit;

import io.github.pools.thread.ThreadPoolManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@code pools.thread.<name>.virtual-threads}, run by CI on Java 17 and on
 * Java 25.
 */
class VirtualThreadsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PoolsAutoConfiguration.class))
		.withPropertyValues("pools.thread.fetch.virtual-threads=true", "pools.thread.fetch.max-size=100");

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void virtualThreadPoolStartsAndRunsTasksOnVirtualThreads() {
		this.contextRunner.run((context) -> {
			ThreadPoolManager fetch = context.getBean("fetch", ThreadPoolManager.class);
			Object virtual = fetch.submit(null, () -> Thread.class.getMethod("isVirtual")
				.invoke(Thread.currentThread())).get(10, TimeUnit.SECONDS);
			assertThat(virtual).isEqualTo(true);
			assertThat(fetch.stats().maxSize()).isEqualTo(100);
		});
	}

	@Test
	@EnabledForJreRange(max = JRE.JAVA_20)
	void virtualThreadPoolOnJava17FailsStartupNamingTheProperty() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).isInstanceOf(PoolConfigurationException.class)
				.hasMessageContaining("pools.thread.fetch.virtual-threads")
				.hasMessageContaining("virtual threads need Java 21 or later");
		});
	}

}
