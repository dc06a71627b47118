package io.github.pools.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.github.pools.process.ProcessPoolManager;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;

/**
 * Turns {@link ProcessPoolProperties} and the application's beans into a
 * {@link ProcessPoolManager}.
 */
final class ProcessPoolBuilders {

	private ProcessPoolBuilders() {
	}

	/**
	 * Map the configured settings onto a builder.
	 * @param name the pool name
	 * @param properties the pool's configuration
	 * @return a builder holding the configured settings
	 */
	static ProcessPoolManager.Builder fromProperties(String name, ProcessPoolProperties properties) {
		ProcessPoolManager.Builder builder = ProcessPoolManager.builder(name)
			.taskType(properties.getTaskType())
			.coreSize(properties.getCoreSize())
			.queueCapacity(properties.getQueueCapacity())
			.environment(properties.getEnvironment())
			.taskTimeout(properties.getTaskTimeout())
			.maxTasksPerWorker(properties.getMaxTasksPerWorker())
			.idleTimeout(properties.getIdleTimeout())
			.prestart(properties.isPrestart())
			.startTimeout(properties.getStartTimeout())
			.allowedClasses(properties.getAllowedClasses())
			.maxMessageSize(properties.getMaxMessageSize().toBytes())
			.maxObjectDepth(properties.getMaxObjectDepth())
			.daemon(properties.isDaemon())
			// The context closes its pools in order, after the web server; a hook of the
			// pool's own would close it at once on SIGTERM, refusing requests in flight.
			.shutdownHook(false)
			.classpath(properties.getClasspath())
			.classDataDirectory(properties.getClassDataDirectory())
			// Daemon workers, as in Python, are not waited for when the application ends.
			.awaitTermination(properties.getShutdown().isAwaitTermination() && !properties.isDaemon())
			.awaitTerminationPeriod(properties.getShutdown().getAwaitTerminationPeriod());
		if (properties.getMaxSize() != null) {
			builder.maxSize(properties.getMaxSize());
		}
		if (properties.getJvmArgs() != null) {
			builder.jvmArgs(properties.getJvmArgs());
		}
		if (properties.getJavaExecutable() != null) {
			builder.javaExecutable(properties.getJavaExecutable());
		}
		return builder;
	}

	/**
	 * Build and register a configured pool: configured settings, the application's
	 * packages added to the deserialization allow-list, then the customizers.
	 * @param name the pool name
	 * @param properties the pool's configuration
	 * @param beanFactory the bean factory holding customizers and the registry
	 * @return the pool, registered but not started
	 */
	static ProcessPoolManager create(String name, ProcessPoolProperties properties, BeanFactory beanFactory) {
		ProcessPoolManager.Builder builder = fromProperties(name, properties);
		builder.allowedClasses(allowedClasses(properties, beanFactory));
		beanFactory.getBeanProvider(ProcessPoolManagerCustomizer.class)
			.orderedStream()
			.forEach((customizer) -> customizer.customize(builder));
		return PoolBeanRegistrar.registry(beanFactory).register(builder.build());
	}

	/**
	 * The configured patterns first, so that a refusing pattern ({@code !com.example.X})
	 * wins over the application's packages.
	 */
	private static List<String> allowedClasses(ProcessPoolProperties properties, BeanFactory beanFactory) {
		List<String> patterns = new ArrayList<>(properties.getAllowedClasses());
		if (AutoConfigurationPackages.has(beanFactory)) {
			for (String applicationPackage : AutoConfigurationPackages.get(beanFactory)) {
				patterns.add(applicationPackage + ".**");
			}
		}
		return patterns;
	}

}
