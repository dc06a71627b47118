package io.github.pools.autoconfigure;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.pools.thread.ThreadPoolManager;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that thread-pool tasks carry the submitter's context through Micrometer's
 * context-propagation library, as Spring Boot's {@code ContextPropagatingTaskDecorator}
 * does: any registered thread-local (MDC, security) and the current observation, which
 * tracing keys its spans and log correlation on.
 */
class ContextPropagationTests {

	private static final String KEY = "pools.test.tenant";

	private static final ThreadLocal<String> TENANT = new ThreadLocal<>();

	/** Reads of the tenant on the submitting thread: one per capture of its context. */
	private static final AtomicInteger captures = new AtomicInteger();

	private static volatile Thread submitter;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PoolsAutoConfiguration.class))
		.withPropertyValues("pools.thread.io.max-size=1");

	@BeforeEach
	void registerAccessor() {
		ContextRegistry.getInstance().registerThreadLocalAccessor(new TenantAccessor());
		captures.set(0);
		submitter = Thread.currentThread();
		TENANT.set("alice");
	}

	@AfterEach
	void removeAccessor() {
		TENANT.remove();
		ContextRegistry.getInstance().removeThreadLocalAccessor(KEY);
	}

	@Test
	void threadLocalsOfTheSubmitterReachTheTask() {
		this.contextRunner.run((context) -> {
			ThreadPoolManager io = context.getBean("io", ThreadPoolManager.class);
			assertThat(io.submit(null, TENANT::get).get(10, TimeUnit.SECONDS)).isEqualTo("alice");
			TENANT.set("bob");
			assertThat(io.submit(null, TENANT::get).get(10, TimeUnit.SECONDS)).isEqualTo("bob");
		});
	}

	@Test
	void currentObservationOfTheSubmitterIsCurrentInTheTask() {
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler((observationContext) -> true);
		ObservationThreadLocalAccessor.getInstance().setObservationRegistry(observations);
		this.contextRunner.run((context) -> {
			ThreadPoolManager io = context.getBean("io", ThreadPoolManager.class);
			Observation request = Observation.start("request", observations);
			try (Observation.Scope scope = request.openScope()) {
				assertThat(io.submit(null, observations::getCurrentObservation).get(10, TimeUnit.SECONDS))
					.isSameAs(request);
			}
			finally {
				request.stop();
			}
		});
	}

	@Test
	void poolThatOptsOutDoesNotPropagate() {
		this.contextRunner.withPropertyValues("pools.thread.io.propagate-context=false").run((context) -> {
			ThreadPoolManager io = context.getBean("io", ThreadPoolManager.class);
			assertThat(io.submit(null, TENANT::get).get(10, TimeUnit.SECONDS)).isNull();
		});
	}

	@Test
	void contextIsPropagatedWhenTaskDecoratorBeansAreNotApplied() {
		this.contextRunner.withPropertyValues("pools.thread.io.decorate-tasks=false").run((context) -> {
			ThreadPoolManager io = context.getBean("io", ThreadPoolManager.class);
			assertThat(io.submit(null, TENANT::get).get(10, TimeUnit.SECONDS)).isEqualTo("alice");
		});
	}

	@Test
	void springBootsOwnPropagatingDecoratorIsNotAppliedTwice() {
		// What spring.task.execution.propagate-context=true registers.
		this.contextRunner.withBean(TaskDecorator.class, ContextPropagatingTaskDecorator::new).run((context) -> {
			ThreadPoolManager io = context.getBean("io", ThreadPoolManager.class);
			assertThat(io.submit(null, TENANT::get).get(10, TimeUnit.SECONDS)).isEqualTo("alice");
			assertThat(captures).as("captures of the submitter's context").hasValue(1);
		});
	}

	@Test
	void withoutContextPropagationOnTheClassPathTasksRunWithoutIt() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.context")).run((context) -> {
			assertThat(context).hasNotFailed();
			ThreadPoolManager io = context.getBean("io", ThreadPoolManager.class);
			assertThat(io.submit(null, TENANT::get).get(10, TimeUnit.SECONDS)).isNull();
		});
	}

	static final class TenantAccessor implements ThreadLocalAccessor<String> {

		@Override
		public Object key() {
			return KEY;
		}

		@Override
		public String getValue() {
			if (Thread.currentThread() == submitter) {
				captures.incrementAndGet();
			}
			return TENANT.get();
		}

		@Override
		public void setValue(String value) {
			TENANT.set(value);
		}

		@Override
		public void setValue() {
			TENANT.remove();
		}

	}

}
