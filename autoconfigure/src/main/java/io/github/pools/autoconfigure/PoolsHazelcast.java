package io.github.pools.autoconfigure;

import java.lang.System.Logger.Level;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.github.pools.cluster.ClusterSerialization;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * The Hazelcast instance the cluster pools of an application run on: the application's
 * {@code HazelcastInstance} bean when there is one (Spring Boot's Hazelcast
 * auto-configuration's, say; the primary one if there are several), which Pools leaves
 * alone; otherwise one member that Pools
 * starts on first use, from Hazelcast's own configuration lookup ({@code -Dhazelcast.config},
 * {@code hazelcast.yaml} or {@code hazelcast.xml} in the working directory or on the
 * class path, else Hazelcast's defaults), and shuts down when the context closes, after
 * the pools.
 * <p>
 * Deliberately not a {@code HazelcastInstance} bean itself: it must not stand in for the
 * application's own where one is expected.
 */
final class PoolsHazelcast implements DisposableBean {

	/** Bean name; cluster pools depend on it, so they close before the member stops. */
	static final String BEAN_NAME = "poolsHazelcast";

	private static final System.Logger logger = System.getLogger(PoolsHazelcast.class.getName());

	private final BeanFactory beanFactory;

	private @Nullable HazelcastInstance instance;

	private boolean owned;

	PoolsHazelcast(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	synchronized HazelcastInstance instance() {
		HazelcastInstance current = this.instance;
		if (current == null) {
			current = this.beanFactory.getBeanProvider(HazelcastInstance.class).getIfAvailable();
			if (current == null) {
				current = Hazelcast.newHazelcastInstance(embeddedConfig());
				this.owned = true;
				logger.log(Level.INFO, "Started Hazelcast member ''{0}'' for the cluster pools", current.getName());
			}
			this.instance = current;
		}
		return current;
	}

	/**
	 * Hazelcast's own configuration, with Pools' settings for a member it owns: no phone
	 * home and no shutdown hook of its own (the context stops it, after the pools), unless
	 * configured otherwise, and Java deserialization restricted to Pools' envelope.
	 */
	static Config embeddedConfig() {
		Config config = Config.load();
		setIfAbsent(config, "hazelcast.phone.home.enabled", "false");
		setIfAbsent(config, "hazelcast.shutdownhook.enabled", "false");
		return ClusterSerialization.restrict(config);
	}

	private static void setIfAbsent(Config config, String property, String value) {
		if (config.getProperty(property) == null && System.getProperty(property) == null) {
			config.setProperty(property, value);
		}
	}

	@Override
	public synchronized void destroy() {
		HazelcastInstance current = this.instance;
		if (current != null && this.owned) {
			current.shutdown();
		}
		this.instance = null;
	}

}
