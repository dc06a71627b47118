package io.github.pools.autoconfigure;

import java.util.concurrent.TimeUnit;

import io.github.pools.thread.ThreadPoolManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@code pools.thread.<name>.virtual-threads} and of Spring Boot's
 * {@code spring.threads.virtual.enabled}, run by CI on Java 17 and on Java 25.
 */
class VirtualThreadsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PoolsAutoConfiguration.class))
		.withPropertyValues("pools.thread.fetch.max-size=100");

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void virtualThreadPoolStartsAndRunsTasksOnVirtualThreads() {
		this.contextRunner.withPropertyValues("pools.thread.fetch.virtual-threads=true").run((context) -> {
			assertThat(runsOnVirtualThread(context)).isTrue();
			assertThat(context.getBean("fetch", ThreadPoolManager.class).stats().maxSize()).isEqualTo(100);
		});
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void springThreadsVirtualEnabledMakesPoolsVirtual() {
		this.contextRunner.withPropertyValues("spring.threads.virtual.enabled=true")
			.run((context) -> assertThat(runsOnVirtualThread(context)).isTrue());
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void poolThatSaysFalseKeepsPlatformThreadsWhenSpringThreadsVirtualIsEnabled() {
		this.contextRunner
			.withPropertyValues("spring.threads.virtual.enabled=true", "pools.thread.fetch.virtual-threads=false")
			.run((context) -> assertThat(runsOnVirtualThread(context)).isFalse());
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void poolsRunPlatformThreadsByDefault() {
		this.contextRunner.run((context) -> assertThat(runsOnVirtualThread(context)).isFalse());
	}

	@Test
	@EnabledForJreRange(max = JRE.JAVA_20)
	void virtualThreadPoolOnJava17FailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("pools.thread.fetch.virtual-threads=true").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).isInstanceOf(PoolConfigurationException.class)
				.hasMessageContaining("pools.thread.fetch.virtual-threads")
				.hasMessageContaining("virtual threads need Java 21 or later");
		});
	}

	@Test
	@EnabledForJreRange(max = JRE.JAVA_20)
	void springThreadsVirtualEnabledOnJava17KeepsPlatformThreadsAsSpringBootDoes() throws Exception {
		this.contextRunner.withPropertyValues("spring.threads.virtual.enabled=true").run((context) -> {
			assertThat(context).hasNotFailed();
			ThreadPoolManager fetch = context.getBean("fetch", ThreadPoolManager.class);
			assertThat(fetch.submit(null, () -> Thread.currentThread().getName()).get(10, TimeUnit.SECONDS))
				.startsWith("fetch-");
		});
	}

	private static boolean runsOnVirtualThread(AssertableApplicationContext context) throws Exception {
		ThreadPoolManager fetch = context.getBean("fetch", ThreadPoolManager.class);
		return (boolean) fetch.submit(null, () -> Thread.class.getMethod("isVirtual").invoke(Thread.currentThread()))
			.get(10, TimeUnit.SECONDS);
	}

}
