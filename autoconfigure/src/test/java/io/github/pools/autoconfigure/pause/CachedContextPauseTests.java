package io.github.pools.autoconfigure.pause;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.pools.thread.ThreadPoolManager;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextPausedEvent;
import org.springframework.context.event.ContextRestartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.test.context.NestedTestConfiguration;
import org.springframework.test.context.NestedTestConfiguration.EnclosingConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that pools survive Spring's test context cache, which pauses a cached context
 * when a test class needs another one and restarts it when a later test class reuses it.
 * Three test classes run in order: the first and the third share a context, the second
 * has different properties, so the first context is paused and then restarted.
 */
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
@NestedTestConfiguration(EnclosingConfiguration.OVERRIDE)
class CachedContextPauseTests {

	private static ApplicationContext firstContext;

	@Nested
	@Order(1)
	@SpringBootTest(classes = PauseApplication.class, properties = "pools.thread.crunch.max-size=1")
	class FirstUse {

		@Autowired
		private ApplicationContext context;

		@Autowired
		@Qualifier("crunch")
		private ThreadPoolManager crunch;

		@Test
		void poolRuns() throws Exception {
			firstContext = this.context;
			assertThat(this.crunch.submit(null, () -> 6 * 7).get(10, TimeUnit.SECONDS)).isEqualTo(42);
		}

	}

	@Nested
	@Order(2)
	@SpringBootTest(classes = PauseApplication.class, properties = "pools.thread.crunch.max-size=2")
	class OtherProperties {

		@Autowired
		@Qualifier("crunch")
		private ThreadPoolManager crunch;

		@Test
		void poolRuns() throws Exception {
			assertThat(this.crunch.submit(null, () -> 6 * 7).get(10, TimeUnit.SECONDS)).isEqualTo(42);
		}

	}

	@Nested
	@Order(3)
	@SpringBootTest(classes = PauseApplication.class, properties = "pools.thread.crunch.max-size=1")
	class FirstContextReused {

		@Autowired
		private ApplicationContext context;

		@Autowired
		private PauseApplication application;

		@Autowired
		@Qualifier("crunch")
		private ThreadPoolManager crunch;

		@Test
		void poolOfThePausedAndRestartedContextStillRuns() throws Exception {
			assertThat(this.context).as("the context of the first class, from the cache").isSameAs(firstContext);
			assertThat(this.application.pauses).as("pauses of the cached context").hasPositiveValue();
			assertThat(this.application.restarts).as("restarts of the cached context").hasPositiveValue();
			assertThat(this.crunch.submit(null, () -> 6 * 7).get(10, TimeUnit.SECONDS)).isEqualTo(42);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class PauseApplication {

		final AtomicInteger pauses = new AtomicInteger();

		final AtomicInteger restarts = new AtomicInteger();

		@EventListener
		void paused(ContextPausedEvent event) {
			this.pauses.incrementAndGet();
		}

		@EventListener
		void restarted(ContextRestartedEvent event) {
			this.restarts.incrementAndGet();
		}

	}

}
