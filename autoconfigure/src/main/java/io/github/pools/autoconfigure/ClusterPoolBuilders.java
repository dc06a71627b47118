package io.github.pools.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.github.pools.cluster.ClusterPoolBuilder;
import io.github.pools.cluster.ClusterPoolManager;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;

/**
 * Turns {@link ClusterPoolProperties} into a {@link ClusterPoolManager} on the
 * application's Hazelcast instance or Pools' own. Only used when Hazelcast is on the
 * class path: this class refers to Hazelcast's types.
 */
final class ClusterPoolBuilders {

	private ClusterPoolBuilders() {
	}

	/**
	 * Check the configured settings without touching Hazelcast.
	 * @param name the pool name
	 * @param properties the pool's configuration
	 */
	static void validate(String name, ClusterPoolProperties properties) {
		fromProperties(name, properties, null).validate();
	}

	/**
	 * Register the bean that holds the Hazelcast instance, unless it is registered.
	 * @param registry the registry
	 * @param beanFactory the bean factory that may hold the application's instance
	 */
	static void registerHazelcast(BeanDefinitionRegistry registry, BeanFactory beanFactory) {
		if (!registry.containsBeanDefinition(PoolsHazelcast.BEAN_NAME)) {
			RootBeanDefinition definition = new RootBeanDefinition(PoolsHazelcast.class,
					() -> new PoolsHazelcast(beanFactory));
			definition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
			// registered again at each run, like the pools: no code is generated ahead of time
			definition.setAttribute(BeanRegistrationAotProcessor.IGNORE_REGISTRATION_ATTRIBUTE, true);
			registry.registerBeanDefinition(PoolsHazelcast.BEAN_NAME, definition);
		}
	}

	private static ClusterPoolBuilder fromProperties(String name, ClusterPoolProperties properties,
			@Nullable BeanFactory beanFactory) {
		ClusterPoolBuilder builder = ClusterPoolManager
			.builder(name, () -> Objects.requireNonNull(beanFactory, "beanFactory")
				.getBean(PoolsHazelcast.BEAN_NAME, PoolsHazelcast.class)
				.instance())
			.taskType(properties.getTaskType())
			.queueCapacity(properties.getQueueCapacity())
			.durable(properties.isDurable())
			.taskTimeout(properties.getTaskTimeout())
			.allowedClasses(properties.getAllowedClasses())
			.maxMessageSize(properties.getMaxMessageSize().toBytes())
			.maxObjectDepth(properties.getMaxObjectDepth())
			.awaitTermination(properties.getShutdown().isAwaitTermination())
			.awaitTerminationPeriod(properties.getShutdown().getAwaitTerminationPeriod());
		if (properties.getThreadsPerMember() != null) {
			builder.threadsPerMember(properties.getThreadsPerMember());
		}
		return builder;
	}

	/**
	 * Build and register a configured pool: configured settings, the application's
	 * packages added to the deserialization allow-list, then the customizers.
	 * @param name the pool name
	 * @param properties the pool's configuration
	 * @param beanFactory the bean factory holding the registry and the Hazelcast instance
	 * @return the pool, registered but not started
	 */
	static ClusterPoolManager create(String name, ClusterPoolProperties properties, BeanFactory beanFactory) {
		ClusterPoolBuilder builder = fromProperties(name, properties, beanFactory);
		builder.allowedClasses(allowedClasses(properties, beanFactory));
		beanFactory.getBeanProvider(ClusterPoolManagerCustomizer.class)
			.orderedStream()
			.forEach((customizer) -> customizer.customize(builder));
		return PoolBeanRegistrar.registry(beanFactory).register(builder.build());
	}

	/**
	 * The configured patterns first, so that a refusing pattern wins over the
	 * application's packages, as for process pools.
	 */
	private static List<String> allowedClasses(ClusterPoolProperties properties, BeanFactory beanFactory) {
		List<String> patterns = new ArrayList<>(properties.getAllowedClasses());
		if (AutoConfigurationPackages.has(beanFactory)) {
			for (String applicationPackage : AutoConfigurationPackages.get(beanFactory)) {
				patterns.add(applicationPackage + ".**");
			}
		}
		return patterns;
	}

}
