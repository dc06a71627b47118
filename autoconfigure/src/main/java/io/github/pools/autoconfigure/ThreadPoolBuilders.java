package io.github.pools.autoconfigure;

import java.util.List;

import io.github.pools.thread.ThreadPoolManager;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.core.task.TaskDecorator;
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
	 * @return a builder holding the configured settings
	 */
	static ThreadPoolManager.Builder fromProperties(String name, ThreadPoolProperties properties) {
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
			.virtualThreads(properties.isVirtualThreads())
			.maxTasksPerWorker(properties.getMaxTasksPerWorker())
			.awaitTermination(properties.getShutdown().isAwaitTermination())
			.awaitTerminationPeriod(properties.getShutdown().getAwaitTerminationPeriod());
	}

	/**
	 * Build and register a configured pool: configured settings, then the application's
	 * task decorators (unless the pool opts out), then its customizers.
	 * @param name the pool name
	 * @param properties the pool's configuration
	 * @param beanFactory the bean factory holding decorators, customizers and the registry
	 * @return the pool, registered but not started
	 */
	static ThreadPoolManager create(String name, ThreadPoolProperties properties, BeanFactory beanFactory) {
		ThreadPoolManager.Builder builder = fromProperties(name, properties);
		if (properties.isDecorateTasks()) {
			TaskDecorator decorator = taskDecorator(beanFactory);
			if (decorator != null) {
				builder.taskDecorator(decorator::decorate);
			}
		}
		beanFactory.getBeanProvider(ThreadPoolManagerCustomizer.class)
			.orderedStream()
			.forEach((customizer) -> customizer.customize(builder));
		return PoolBeanRegistrar.registry(beanFactory).register(builder.build());
	}

	private static @Nullable TaskDecorator taskDecorator(BeanFactory beanFactory) {
		List<TaskDecorator> decorators = beanFactory.getBeanProvider(TaskDecorator.class).orderedStream().toList();
		if (decorators.size() == 1) {
			return decorators.get(0);
		}
		return decorators.isEmpty() ? null : new CompositeTaskDecorator(decorators);
	}

}
