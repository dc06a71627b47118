package io.github.pools.actuate;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.hazelcast.core.HazelcastInstance;
import io.github.pools.PoolRegistry;
import io.github.pools.actuate.PoolsEndpoint.PoolDescriptor;
import io.github.pools.autoconfigure.PoolsAutoConfiguration;
import io.github.pools.autoconfigure.event.ClusterMemberLeftEvent;
import io.github.pools.autoconfigure.event.PoolEventsAutoConfiguration;
import io.github.pools.cluster.ClusterPoolManager;
import io.github.pools.cluster.TestClusters;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that a cluster pool is described by the endpoint, metered, health-checked and
 * reported when a member leaves, like the other kinds.
 */
class ClusterPoolObservabilityTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, PoolsAutoConfiguration.class,
				PoolsMetricsAutoConfiguration.class, PoolsEndpointAutoConfiguration.class,
				PoolsHealthContributorAutoConfiguration.class, PoolEventsAutoConfiguration.class))
		.withBean(Departures.class, Departures::new)
		.withPropertyValues("pools.cluster.grid.task-type=grid", "pools.cluster.grid.threads-per-member=2");

	@Test
	void clusterPoolIsDescribedMeteredCheckedAndReportsMembersThatLeave() {
		String cluster = TestClusters.randomClusterName();
		int port = TestClusters.randomBasePort();
		HazelcastInstance first = TestClusters.member(cluster, port);
		HazelcastInstance second = TestClusters.member(cluster, port);
		try {
			this.contextRunner.withBean(HazelcastInstance.class, () -> first).run((context) -> {
				assertThat(context).hasNotFailed();
				ClusterPoolManager grid = context.getBean("grid", ClusterPoolManager.class);
				assertThat(grid.submit("grid", () -> 1).get(30, TimeUnit.SECONDS)).isEqualTo(1);

				MeterRegistry meters = context.getBean(MeterRegistry.class);
				await().untilAsserted(() -> assertThat(
						meters.get("executor.completed").tag("name", "grid").functionCounter().count())
					.isEqualTo(1));
				assertThat(meters.get("pools.tasks.submitted").tag("name", "grid").functionCounter().count())
					.isEqualTo(1);
				assertThat(meters.get("pools.tasks.pending").tag("name", "grid").gauge().value()).isZero();
				assertThat(meters.get("pools.cluster.members").tag("name", "grid").gauge().value()).isEqualTo(2);
				assertThat(meters.get("pools.tasks.rejected").tag("name", "grid").tag("reason", "task-type")
					.functionCounter().count()).isZero();
				assertThat(meters.get("pools.tasks.failed").tag("name", "grid").functionCounter().count()).isZero();

				PoolDescriptor described = new PoolsEndpoint(context.getBean(PoolRegistry.class)).pool("grid");
				assertThat(described.kind()).isEqualTo("cluster");
				assertThat(described.cluster().members()).hasSize(2);
				assertThat(described.cluster().durable()).isTrue();
				assertThat(described.cluster().submitted()).isEqualTo(1);
				assertThat(described.workers().current()).isEqualTo(4);

				assertThat(health(context).getStatus()).isEqualTo(Status.UP);
				assertThat(health(context).getDetails()).containsEntry("members", 2);

				second.getLifecycleService().terminate();
				Departures departures = context.getBean(Departures.class);
				await().atMost(Duration.ofSeconds(30)).until(() -> !departures.events.isEmpty());
				ClusterMemberLeftEvent left = departures.events.get(0);
				assertThat(left.getPoolName()).isEqualTo("grid");
				assertThat(left.getMembers()).isEqualTo(1);
				assertThat(meters.get("pools.cluster.members").tag("name", "grid").gauge().value()).isEqualTo(1);

				first.getLifecycleService().terminate();
				Health down = health(context);
				assertThat(down.getStatus()).isEqualTo(Status.DOWN);
				assertThat(down.getDetails()).containsEntry("members", 0)
					.containsEntry("reason", "cannot reach a member of its cluster to run on");
			});
		}
		finally {
			second.getLifecycleService().terminate();
			first.getLifecycleService().terminate();
		}
	}

	private static Health health(AssertableApplicationContext context) {
		HealthIndicator indicator = (HealthIndicator) context.getBean(PoolsHealthContributor.class)
			.getContributor("grid");
		return indicator.health();
	}

	static class Departures implements ApplicationListener<ClusterMemberLeftEvent> {

		final List<ClusterMemberLeftEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(ClusterMemberLeftEvent event) {
			this.events.add(event);
		}

	}

}
