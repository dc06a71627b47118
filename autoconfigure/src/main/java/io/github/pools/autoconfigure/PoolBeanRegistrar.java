package io.github.pools.autoconfigure;

import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.github.pools.InvalidPoolSettingException;
import io.github.pools.PoolRegistry;
import io.github.pools.process.ProcessPoolManager;
import io.github.pools.thread.ThreadPoolManager;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers one bean per pool declared under {@code pools.thread.*} and
 * {@code pools.process.*}, named after the pool, and for each thread pool the executors
 * that {@code @Async("<pool>")} and {@code @Async("<pool>:<type>")} resolve to.
 * <p>
 * Everything is validated here, before any bean is created, so that bad configuration
 * fails startup with one message naming the property: invalid values, and pool names
 * that are already bean names. Auto-configurations run after the application's own
 * configuration, so the application's beans are known at this point.
 */
class PoolBeanRegistrar implements ImportBeanDefinitionRegistrar {

	/** Separates the pool from the task type in {@code @Async("<pool>:<type>")}. */
	static final String ASYNC_TYPE_SEPARATOR = ":";

	/**
	 * Names of Pools' own beans, some registered by auto-configurations that run after
	 * this registrar: a pool of one of these names would silently replace or disable them.
	 */
	static final Set<String> RESERVED_NAMES = Set.of("poolRegistry", "poolsLifecycle", "poolMetrics", "poolsEndpoint",
			"resizablePoolsEndpoint", "poolsHealthContributor", "poolEventPublisher");

	private final Environment environment;

	private final BeanFactory beanFactory;

	PoolBeanRegistrar(Environment environment, BeanFactory beanFactory) {
		this.environment = environment;
		this.beanFactory = beanFactory;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		PoolsProperties properties = Binder.get(this.environment).bindOrCreate("pools", PoolsProperties.class);
		for (Map.Entry<String, ThreadPoolProperties> entry : properties.getThread().entrySet()) {
			String name = entry.getKey();
			ThreadPoolProperties pool = entry.getValue();
			String prefix = propertyPrefix("thread", name);
			checkName(registry, name, prefix);
			validate(prefix, () -> ThreadPoolBuilders.fromProperties(name, pool).validate());
			registerThreadPool(registry, name, pool, prefix);
		}
		for (Map.Entry<String, ProcessPoolProperties> entry : properties.getProcess().entrySet()) {
			String name = entry.getKey();
			ProcessPoolProperties pool = entry.getValue();
			String prefix = propertyPrefix("process", name);
			if (properties.getThread().containsKey(name)) {
				throw new PoolConfigurationException(prefix, name, "is also the name of a thread pool ('"
						+ propertyPrefix("thread", name) + "'); pool names are unique across both kinds",
						origin(prefix), null);
			}
			checkName(registry, name, prefix);
			validate(prefix, () -> ProcessPoolBuilders.fromProperties(name, pool).validate());
			RootBeanDefinition definition = new RootBeanDefinition(ProcessPoolManager.class,
					() -> ProcessPoolBuilders.create(name, pool, this.beanFactory));
			register(registry, name, definition, prefix);
		}
	}

	private void registerThreadPool(BeanDefinitionRegistry registry, String name, ThreadPoolProperties properties,
			String prefix) {
		RootBeanDefinition pool = new RootBeanDefinition(ThreadPoolManager.class,
				() -> ThreadPoolBuilders.create(name, properties, this.beanFactory));
		register(registry, name, pool, prefix);
		String taskType = properties.getTaskType();
		registerAsyncExecutor(registry, name, null);
		if (taskType != null) {
			registerAsyncExecutor(registry, name, taskType);
		}
	}

	private void registerAsyncExecutor(BeanDefinitionRegistry registry, String poolName, @Nullable String taskType) {
		String qualifier = (taskType != null) ? poolName + ASYNC_TYPE_SEPARATOR + taskType : poolName;
		Supplier<PoolAsyncExecutor> supplier = () -> new PoolAsyncExecutor(
				this.beanFactory.getBean(poolName, ThreadPoolManager.class), taskType);
		RootBeanDefinition definition = new RootBeanDefinition(PoolAsyncExecutor.class, supplier);
		// Reachable only by qualifier: Boot's applicationTaskExecutor must not back off
		// because of it, and plain Executor injection points must not see it.
		definition.setDefaultCandidate(false);
		definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, qualifier));
		definition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
		definition.setDependsOn(poolName);
		registry.registerBeanDefinition("pools.async." + qualifier, definition);
	}

	private void register(BeanDefinitionRegistry registry, String name, RootBeanDefinition definition,
			String prefix) {
		definition.setInitMethodName("start");
		definition.setDestroyMethodName("close");
		definition.setResourceDescription("pool configured under '" + prefix + "'");
		registry.registerBeanDefinition(name, definition);
	}

	private void checkName(BeanDefinitionRegistry registry, String name, String prefix) {
		if (RESERVED_NAMES.contains(name)) {
			throw new PoolConfigurationException(prefix, name,
					"is the name of one of Pools' own beans; a pool's bean is named after the pool, so choose another "
							+ "pool name",
					origin(prefix), null);
		}
		if (registry.containsBeanDefinition(name) || registry.isAlias(name)) {
			String existing = registry.isAlias(name) ? "an alias"
					: "a bean defined in " + describe(registry.getBeanDefinition(name));
			throw new PoolConfigurationException(prefix, name,
					"is a pool name that is already " + existing
							+ "; a pool's bean is named after the pool, so choose another pool name",
					origin(prefix), null);
		}
	}

	private static String describe(BeanDefinition definition) {
		String description = definition.getResourceDescription();
		return (description != null) ? description : String.valueOf(definition.getBeanClassName());
	}

	private void validate(String prefix, Runnable validation) {
		try {
			validation.run();
		}
		catch (InvalidPoolSettingException ex) {
			String property = prefix + "." + ex.getSetting();
			throw new PoolConfigurationException(property, ex.getValue(), ex.getRule(), origin(property), ex);
		}
	}

	private static String propertyPrefix(String kind, String name) {
		return "pools." + kind + (name.contains(".") ? "[" + name + "]" : "." + name);
	}

	/**
	 * Return where a property, or failing that the first property below it, was set.
	 */
	private @Nullable Origin origin(String property) {
		ConfigurationPropertyName name = ConfigurationPropertyName.adapt(property, '.');
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
			ConfigurationProperty found = source.getConfigurationProperty(name);
			if (found == null && source instanceof IterableConfigurationPropertySource iterable) {
				found = iterable.stream()
					.filter(name::isAncestorOf)
					.findFirst()
					.map(iterable::getConfigurationProperty)
					.orElse(null);
			}
			if (found != null) {
				return found.getOrigin();
			}
		}
		return null;
	}

	static PoolRegistry registry(BeanFactory beanFactory) {
		return beanFactory.getBean(PoolRegistry.class);
	}

}
