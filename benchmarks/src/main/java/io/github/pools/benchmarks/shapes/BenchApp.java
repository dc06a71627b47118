package io.github.pools.benchmarks.shapes;

import java.util.ArrayList;
import java.util.List;

import io.github.pools.autoconfigure.PoolsAutoConfiguration;
import io.github.pools.process.ProcessPoolManager;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The application a user writes: a process pool declared under {@code pools.process.*}
 * in its configuration, created by the starter's auto-configuration, with as many
 * workers as the machine has cores.
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration(PoolsAutoConfiguration.class)
public class BenchApp {

	/** The pool's name and task type. */
	static final String POOL = "bench";

	/**
	 * Start the application and return its running context.
	 * @param settings more settings, as command-line arguments ({@code --key=value})
	 * @return the context; close it to stop the pool
	 */
	static ConfigurableApplicationContext start(String... settings) {
		SpringApplication application = new SpringApplication(BenchApp.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setLogStartupInfo(false);
		List<String> args = new ArrayList<>(List.of("--spring.main.banner-mode=off", "--logging.level.root=warn",
				"--pools.process.bench.task-type=" + POOL, "--pools.process.bench.queue-capacity=100000",
				"--pools.process.bench.max-size=" + Runtime.getRuntime().availableProcessors()));
		args.addAll(List.of(settings));
		return application.run(args.toArray(String[]::new));
	}

	static ProcessPoolManager pool(ConfigurableApplicationContext context) {
		return context.getBean(POOL, ProcessPoolManager.class);
	}

}
