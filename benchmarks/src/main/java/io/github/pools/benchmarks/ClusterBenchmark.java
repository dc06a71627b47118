package io.github.pools.benchmarks;

import java.io.Serializable;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.hazelcast.cluster.memberselector.MemberSelectors;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.github.pools.SerializableCallable;
import io.github.pools.cluster.ClusterPoolManager;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * No-op tasks through a cluster pool on a two-member loopback cluster, the benchmark's
 * JVM and one other (2 threads per member), durable or not: the sequential round trip
 * (sample time: read p0.50) and the throughput of batches of 1,000 tasks submitted then
 * waited for. Tasks land on either member, so about half of them cross the loopback
 * network, and every one is serialized and read through the allow-list.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms512m", "-Xmx512m" })
public class ClusterBenchmark {

	private static final int BATCH = 1000;

	private static final SerializableCallable<Object> NO_OP = () -> null;

	@Param({ "true", "false" })
	public boolean durable;

	private Process other;

	private HazelcastInstance member;

	private ClusterPoolManager pool;

	private final CompletableFuture<?>[] futures = new CompletableFuture<?>[BATCH];

	private final Future<?>[] rawFutures = new Future<?>[BATCH];

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		String cluster = "pools-benchmark-" + UUID.randomUUID();
		int port = LoopbackCluster.randomPort();
		this.member = Hazelcast.newHazelcastInstance(LoopbackCluster.config(cluster, port));
		this.other = LoopbackCluster.startOther(cluster, port);
		while (this.member.getCluster().getMembers().size() < 2) {
			Thread.sleep(100);
		}
		this.pool = LoopbackCluster.pool(this.member, this.durable);
		this.pool.submit(null, NO_OP).get(60, TimeUnit.SECONDS);
	}

	@TearDown(Level.Trial)
	public void tearDown() throws Exception {
		this.pool.close();
		this.member.getLifecycleService().terminate();
		this.other.destroyForcibly();
		this.other.waitFor(10, TimeUnit.SECONDS);
	}

	/**
	 * The same batches straight through Hazelcast's executor of the same kind, without
	 * Pools (no task type, no allow-list, no envelope): what the engine itself costs.
	 */
	@Benchmark
	@BenchmarkMode(Mode.Throughput)
	@OutputTimeUnit(TimeUnit.SECONDS)
	@OperationsPerInvocation(BATCH)
	public int rawHazelcast() throws Exception {
		Future<?>[] futures = this.rawFutures;
		for (int i = 0; i < BATCH; i++) {
			futures[i] = this.durable ? this.member.getDurableExecutorService("raw-durable").submit(NoOp.INSTANCE)
					: this.member.getExecutorService("raw").submit(NoOp.INSTANCE, MemberSelectors.DATA_MEMBER_SELECTOR);
		}
		int done = 0;
		for (int i = 0; i < BATCH; i++) {
			futures[i].get();
			done++;
		}
		return done;
	}

	@Benchmark
	@BenchmarkMode(Mode.SampleTime)
	@OutputTimeUnit(TimeUnit.MICROSECONDS)
	public Object roundTrip() throws Exception {
		return this.pool.submit(null, NO_OP).get();
	}

	@Benchmark
	@BenchmarkMode(Mode.Throughput)
	@OutputTimeUnit(TimeUnit.SECONDS)
	@OperationsPerInvocation(BATCH)
	public int submitThenWait() throws Exception {
		CompletableFuture<?>[] futures = this.futures;
		for (int i = 0; i < BATCH; i++) {
			futures[i] = this.pool.submit(null, NO_OP);
		}
		int done = 0;
		for (int i = 0; i < BATCH; i++) {
			futures[i].get();
			done++;
		}
		return done;
	}

	/** A no-op task for Hazelcast's own executors. */
	static final class NoOp implements Callable<Object>, Serializable {

		static final NoOp INSTANCE = new NoOp();

		@Override
		public Object call() {
			return null;
		}

	}

}
