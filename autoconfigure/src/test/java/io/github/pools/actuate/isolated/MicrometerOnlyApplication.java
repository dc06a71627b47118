package io.github.pools.actuate.isolated;

import java.util.concurrent.TimeUnit;

import io.github.pools.thread.ThreadPoolManager;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An application with a thread pool and a {@link MeterRegistry} of its own, started by
 * {@code ClassPathCombinationsTests} in a class loader that lacks one optional jar. Without
 * {@code spring-boot-micrometer-metrics}, every condition of Pools' metrics
 * auto-configuration passes while the classes its ordering names are absent.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class MicrometerOnlyApplication {

	@Bean
	MeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

	/**
	 * Start the application, run a task in its pool, and describe what it found.
	 * @return what the task returned
	 * @throws Exception if the task fails
	 */
	public static String run() throws Exception {
		SpringApplication application = new SpringApplication(MicrometerOnlyApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = application.run("--spring.main.banner-mode=off", "--spring.main.register-shutdown-hook=false",
				"--pools.thread.io.max-size=1")) {
			return context.getBean("io", ThreadPoolManager.class).submit(null, () -> "ran").get(10, TimeUnit.SECONDS);
		}
	}

}
