package io.github.pools.actuate.isolated;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.pools.autoconfigure.ProcessPoolManagerCustomizer;
import io.github.pools.autoconfigure.observation.ProcessTaskObservations;
import io.github.pools.process.ProcessTaskObserver;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An application with an {@link ObservationRegistry} of its own, started by
 * {@code ClassPathCombinationsTests} in a class loader without Micrometer Tracing: process
 * tasks are observed, and carry no trace.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class ObservedWithoutTracingApplication {

	private static final List<String> stopped = new CopyOnWriteArrayList<>();

	@Bean
	ObservationRegistry observationRegistry() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStop(Observation.Context context) {
				stopped.add(context.getName());
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
		return registry;
	}

	/**
	 * Start the application, observe a task as a process pool does, and describe what
	 * happened.
	 * @return the customizers found, the traceparent and the observations stopped
	 */
	public static String run() {
		SpringApplication application = new SpringApplication(ObservedWithoutTracingApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = application.run("--spring.main.banner-mode=off",
				"--spring.main.register-shutdown-hook=false")) {
			int customizers = context.getBeansOfType(ProcessPoolManagerCustomizer.class).size();
			ProcessTaskObserver.Observed task = new ProcessTaskObservations(context.getBean(ObservationRegistry.class))
				.start("render", null);
			String traceparent = task.traceparent();
			task.stop(null);
			return customizers + " " + traceparent + " " + stopped;
		}
	}

}
