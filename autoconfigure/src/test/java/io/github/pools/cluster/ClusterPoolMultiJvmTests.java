package io.github.pools.cluster;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.example.app.ExampleApplication;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.github.pools.TaskSerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests a durable cluster pool on three members, each in a JVM of its own, on loopback
 * only: tasks submitted from this JVM (a lite member, which runs none) run on several
 * JVMs, and when one member is killed with {@code SIGKILL} while it runs tasks, every
 * future still completes, those tasks having run again on the members that remain.
 */
class ClusterPoolMultiJvmTests {

	private static final String POOL = "multi";

	private final List<Process> members = new ArrayList<>();

	private HazelcastInstance submitter;

	/**
	 * The pool as every JVM of the test declares it.
	 */
	static ClusterPoolBuilder builder(String name, HazelcastInstance hazelcast) {
		return ClusterPoolManager.builder(name, hazelcast).threadsPerMember(2).awaitTerminationPeriod(Duration.ZERO);
	}

	@AfterEach
	void stopEverything() throws InterruptedException {
		if (this.submitter != null) {
			this.submitter.getLifecycleService().terminate();
		}
		for (Process member : this.members) {
			member.destroyForcibly();
		}
		for (Process member : this.members) {
			assertThat(member.waitFor(10, TimeUnit.SECONDS)).as("member %d ended", member.pid()).isTrue();
		}
	}

	@Test
	@Timeout(value = 120, unit = TimeUnit.SECONDS)
	void tasksRunOnSeveralJvmsAndEveryFutureCompletesWhenAMemberIsKilled() throws Exception {
		String clusterName = TestClusters.randomClusterName();
		int basePort = TestClusters.randomBasePort();
		for (int i = 0; i < 3; i++) {
			this.members.add(startMember(clusterName, basePort, i));
		}
		List<Long> pids = new ArrayList<>();
		for (Process member : this.members) {
			pids.add(awaitReady(member));
		}
		Config config = TestClusters.config(clusterName, basePort);
		config.setLiteMember(true); // submits, runs nothing
		this.submitter = Hazelcast.newHazelcastInstance(config);
		await().atMost(Duration.ofSeconds(30)).until(() -> this.submitter.getCluster().getMembers().size() == 4);

		// The submitter would read com.example.app classes; the members, as declared in
		// their own JVMs, do not: each member reads tasks through its own allow-list.
		try (ClusterPoolManager pool = builder(POOL, this.submitter).allowedClasses(List.of("com.example.app.**"))
			.build()) {
			pool.start();
			// first round: where do tasks run?
			Set<Long> ran = new HashSet<>();
			for (CompletableFuture<Long> future : submit(pool, 12, 50)) {
				ran.add(future.get(30, TimeUnit.SECONDS));
			}
			assertThat(ran).as("JVMs that ran tasks").hasSizeGreaterThan(1).isSubsetOf(pids);
			assertThat(pool.submit(null, new ExampleApplication.RenderTask("x"))).as("refused by a member's allow-list")
				.failsWithin(Duration.ofSeconds(30))
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(TaskSerializationException.class)
				.withMessageContaining("com.example.app.ExampleApplication$RenderTask is not in the deserialization "
						+ "allow-list");

			// second round: kill a member while it runs some of them
			List<CompletableFuture<Long>> futures = submit(pool, 18, 3000);
			Process victim = this.members.get(0);
			Thread.sleep(1500);
			assertThat(futures).noneMatch(CompletableFuture::isDone);
			victim.destroyForcibly(); // SIGKILL on Linux
			assertThat(victim.waitFor(10, TimeUnit.SECONDS)).isTrue();
			Set<Long> after = new HashSet<>();
			for (CompletableFuture<Long> future : futures) {
				after.add(future.get(60, TimeUnit.SECONDS));
			}
			assertThat(after).as("JVMs that ran the second round").doesNotContain(victim.pid())
				.isSubsetOf(pids);
			assertThat(pool.stats().failed()).as("only the refused task").isOne();
		}
	}

	private static List<CompletableFuture<Long>> submit(ClusterPoolManager pool, int count, long sleepMillis) {
		return IntStream.range(0, count).mapToObj((i) -> pool.submit(null, () -> {
			Thread.sleep(sleepMillis);
			return ProcessHandle.current().pid();
		})).toList();
	}

	private static Process startMember(String clusterName, int basePort, int index) throws IOException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		Path log = Path.of("target", "cluster-member-" + index + ".log");
		Files.createDirectories(log.getParent());
		return new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), ClusterMemberMain.class.getName(), clusterName,
				String.valueOf(basePort), POOL)
			.redirectError(log.toFile())
			.redirectInput(ProcessBuilder.Redirect.PIPE)
			.start();
	}

	private static long awaitReady(Process member) throws IOException {
		BufferedReader out = new BufferedReader(
				new InputStreamReader(member.getInputStream(), StandardCharsets.UTF_8));
		String line;
		while ((line = out.readLine()) != null) {
			if (line.startsWith("READY ")) {
				return Long.parseLong(line.substring("READY ".length()));
			}
		}
		throw new IllegalStateException("Member " + member.pid() + " ended before it was ready; see target"
				+ File.separator + "cluster-member-*.log");
	}

}
