package io.github.pools.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.github.pools.PoolKind;
import io.github.pools.PoolManager;
import io.github.pools.PoolRegistry;
import io.github.pools.UnknownTaskTypeException;
import io.github.pools.cluster.ClusterPoolManager;
import io.github.pools.cluster.TestClusters;
import io.github.pools.thread.ThreadPoolManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for cluster pools declared under {@code pools.cluster.*}, on a Hazelcast member in
 * this JVM: the application's own, or one that Pools starts.
 */
class ClusterPoolsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PoolsAutoConfiguration.class))
		.withPropertyValues("pools.cluster.grid.task-type=grid", "pools.cluster.grid.threads-per-member=2");

	@Test
	void clusterPoolRunsOnTheApplicationsHazelcastInstanceAndLeavesItRunning() {
		HazelcastInstance hazelcast = TestClusters.member(TestClusters.randomClusterName(),
				TestClusters.randomBasePort());
		try {
			this.contextRunner.withBean(HazelcastInstance.class, () -> hazelcast)
				.withBean(ClusterPoolManagerCustomizer.class,
						() -> (builder) -> builder.taskTimeout(java.time.Duration.ofMinutes(1)))
				.run((context) -> {
				assertThat(context).hasNotFailed();
				ClusterPoolManager grid = context.getBean("grid", ClusterPoolManager.class);
				assertThat(context.getBean(PoolRegistry.class).get("grid")).isSameAs(grid);
				assertThat(context.getBean("grid", PoolManager.class).kind()).isEqualTo(PoolKind.CLUSTER);
				assertThat(grid.submit("grid", () -> 6 * 7).get(30, TimeUnit.SECONDS)).isEqualTo(42);
				assertThatExceptionOfType(UnknownTaskTypeException.class)
					.isThrownBy(() -> grid.submit("report", () -> 1));
				assertThat(grid.stats().maxSize()).isEqualTo(2);
				assertThat(grid.taskTimeout()).isEqualTo(java.time.Duration.ofMinutes(1));
			});
			assertThat(hazelcast.getLifecycleService().isRunning()).isTrue();
		}
		finally {
			hazelcast.getLifecycleService().terminate();
		}
	}

	@Test
	void withoutAHazelcastInstancePoolsStartsAMemberFromHazelcastsConfigurationAndStopsIt(@TempDir Path dir)
			throws IOException {
		int port = randomPort();
		Path yaml = Files.writeString(dir.resolve("hazelcast.yaml"), """
				hazelcast:
				  cluster-name: pools-embedded-%d
				  properties:
				    hazelcast.local.localAddress: 127.0.0.1
				    hazelcast.wait.seconds.before.join: 0
				    hazelcast.logging.type: jdk
				  network:
				    port:
				      port: %d
				      port-count: 5
				    interfaces:
				      enabled: true
				      interfaces: [127.0.0.1]
				    join:
				      multicast:
				        enabled: false
				      auto-detection:
				        enabled: false
				      tcp-ip:
				        enabled: true
				        members: 127.0.0.1
				""".formatted(port, port));
		String previous = System.setProperty("hazelcast.config", yaml.toString());
		try {
			String[] member = new String[1];
			this.contextRunner.run((context) -> {
				assertThat(context).hasNotFailed();
				ClusterPoolManager grid = context.getBean("grid", ClusterPoolManager.class);
				assertThat(grid.submit("grid", () -> "ran").get(30, TimeUnit.SECONDS)).isEqualTo("ran");
				assertThat(grid.members()).containsExactly("127.0.0.1:" + port);
				HazelcastInstance started = context.getBean(PoolsHazelcast.class).instance();
				assertThat(started.getConfig().getClusterName()).isEqualTo("pools-embedded-" + port);
				assertThat(started.getConfig().getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
				assertThat(started.getConfig()
					.getSerializationConfig()
					.getJavaSerializationFilterConfig()
					.getWhitelist()
					.getPrefixes()).contains("io.github.pools.");
				member[0] = started.getName();
			});
			assertThat(Hazelcast.getHazelcastInstanceByName(member[0])).isNull();
		}
		finally {
			if (previous != null) {
				System.setProperty("hazelcast.config", previous);
			}
			else {
				System.clearProperty("hazelcast.config");
			}
		}
	}

	@Test
	void clusterPoolWithoutHazelcastFailsStartupSayingWhatToAdd() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("com.hazelcast")).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).isInstanceOf(ClusterPoolsUnavailableException.class);
			FailureAnalysis analysis = new ClusterPoolsUnavailableFailureAnalyzer()
				.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("pools.cluster.grid");
			assertThat(analysis.getAction()).contains("com.hazelcast:hazelcast");
		});
	}

	@Test
	void withoutHazelcastAndWithoutClusterPoolsTheStarterWorksAsBefore() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PoolsAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("com.hazelcast"))
			.withPropertyValues("pools.thread.io.max-size=1")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean("io")).isInstanceOf(ThreadPoolManager.class);
				assertThat(context).doesNotHaveBean(PoolsHazelcast.BEAN_NAME);
			});
	}

	@Test
	void invalidSettingFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("pools.cluster.grid.threads-per-member=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).isInstanceOf(PoolConfigurationException.class)
				.hasMessageContaining("pools.cluster.grid.threads-per-member");
		});
	}

	@Test
	void clusterPoolNamedLikeAThreadPoolFailsStartup() {
		this.contextRunner.withPropertyValues("pools.thread.grid.max-size=1").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasMessageContaining("pools.cluster.grid")
				.hasMessageContaining("also the name of a thread pool");
		});
	}

	private static int randomPort() {
		return 30000 + ThreadLocalRandom.current().nextInt(2000) * 10;
	}

}
