package io.github.pools.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.github.pools.thread.ThreadPoolManager;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.thread.Threading;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.env.Environment;
import org.springframework.core.task.support.CompositeTaskDecorator;

/**
 * Turns {@link ThreadPoolProperties} and the application's beans into a
 * {@link ThreadPoolManager}.
 */
final class ThreadPoolBuilders {

	private ThreadPoolBuilders() {
	}

	/**
	 * Map the configured settings onto a builder.
	 * @param name the pool name
	 * @param properties the pool's configuration
	 * @param environment the environment, for the defaults Spring Boot's executors share
	 * ({@code spring.threads.virtual.enabled})
	 * @return a builder holding the configured settings
	 */
	static ThreadPoolManager.Builder fromProperties(String name, ThreadPoolProperties properties,
			Environment environment) {
		return ThreadPoolManager.builder(name)
			.taskType(properties.getTaskType())
			.coreSize(properties.getCoreSize())
			.maxSize(properties.getMaxSize())
			.queueCapacity(properties.getQueueCapacity())
			.keepAlive(properties.getKeepAlive())
			.allowCoreThreadTimeout(properties.isAllowCoreThreadTimeout())
			.threadNamePrefix(properties.getThreadNamePrefix())
			.daemon(properties.isDaemon())
			.rejectionPolicy(properties.getRejectionPolicy())
			.prestart(properties.isPrestart())
			.virtualThreads(virtualThreads(properties, environment))
			.maxTasksPerWorker(properties.getMaxTasksPerWorker())
			.awaitTermination(properties.getShutdown().isAwaitTermination())
			.awaitTerminationPeriod(properties.getShutdown().getAwaitTerminationPeriod());
	}

	/**
	 * Whether the pool runs virtual threads: as configured, else as Spring Boot's own
	 * executors do, following {@code spring.threads.virtual.enabled} on Java 21 or later
	 * and running platform threads on older Java.
	 */
	private static boolean virtualThreads(ThreadPoolProperties properties, Environment environment) {
		Boolean configured = properties.getVirtualThreads();
		return (configured != null) ? configured : Threading.VIRTUAL.isActive(environment);
	}

	/**
	 * Build and register a configured pool: configured settings, then context
	 * propagation and the application's task decorators (unless the pool opts out), then
	 * its customizers.
	 * @param name the pool name
	 * @param properties the pool's configuration
	 * @param environment the environment
	 * @param beanFactory the bean factory holding decorators, customizers and the registry
	 * @return the pool, registered but not started
	 */
	static ThreadPoolManager create(String name, ThreadPoolProperties properties, Environment environment,
			ConfigurableListableBeanFactory beanFactory) {
		ThreadPoolManager.Builder builder = fromProperties(name, properties, environment);
		TaskDecorator decorator = taskDecorator(properties, beanFactory);
		if (decorator != null) {
			builder.taskDecorator(decorator::decorate);
		}
		beanFactory.getBeanProvider(ThreadPoolManagerCustomizer.class)
			.orderedStream()
			.forEach((customizer) -> customizer.customize(builder));
		return PoolBeanRegistrar.registry(beanFactory).register(builder.build());
	}

	/**
	 * Compose the decorators of the pool's tasks, as Spring Boot composes them for its
	 * executor: context propagation first (unless one of the application's decorators
	 * already propagates it, as {@code spring.task.execution.propagate-context} registers),
	 * then the application's {@link TaskDecorator} beans in order.
	 */
	private static @Nullable TaskDecorator taskDecorator(ThreadPoolProperties properties,
			ConfigurableListableBeanFactory beanFactory) {
		List<TaskDecorator> decorators = new ArrayList<>();
		if (properties.isDecorateTasks()) {
			beanFactory.getBeanProvider(TaskDecorator.class).orderedStream().forEach(decorators::add);
		}
		if (properties.isPropagateContext() && ContextPropagation.isAvailable(beanFactory.getBeanClassLoader())
				&& decorators.stream().noneMatch(ContextPropagation::propagates)) {
			decorators.add(0, ContextPropagation.decorator());
		}
		if (decorators.size() == 1) {
			return decorators.get(0);
		}
		return decorators.isEmpty() ? null : new CompositeTaskDecorator(decorators);
	}

}
