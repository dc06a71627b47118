package io.github.pools.benchmarks;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.github.pools.DefaultPoolRegistry;
import io.github.pools.actuate.PoolMetrics;
import io.github.pools.thread.ThreadPoolManager;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Tiny tasks through a raw {@link ThreadPoolExecutor} and through a typed, metered Pools
 * thread pool of the same shape: 2 threads, a queue of 10,000, batches of 1,000 tasks
 * submitted and then waited for. The Pools pool checks the task type on every submit and
 * publishes its gauges and counters to a Prometheus registry; {@code pools-timed} also
 * times every task ({@code executor} and {@code executor.idle}). {@code work=1000} gives
 * every task about two microseconds of CPU work, to show what the timers cost on tasks
 * that do something.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 2, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class ThreadPoolThroughputBenchmark {

	private static final int BATCH = 1000;

	private static final int THREADS = 2;

	private static final int QUEUE = 10_000;

	@Param({ "raw", "pools", "pools-timed" })
	public String executor;

	/** CPU work per task, in JMH's {@code Blackhole.consumeCPU} tokens: 0 is an empty task. */
	@Param({ "0", "1000" })
	public int work;

	private Callable<Integer> task;

	private ThreadPoolExecutor raw;

	private ThreadPoolManager pool;

	private DefaultPoolRegistry registry;

	private final Future<?>[] futures = new Future<?>[BATCH];

	@Setup(Level.Trial)
	public void setUp() {
		int work = this.work;
		this.task = (work == 0) ? () -> 1 : () -> {
			Blackhole.consumeCPU(work);
			return 1;
		};
		if (this.executor.equals("raw")) {
			this.raw = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(QUEUE));
			this.raw.allowCoreThreadTimeOut(true); // the same shape as a Pools pool's defaults
			return;
		}
		this.pool = ThreadPoolManager.builder("bench")
			.taskType("tiny")
			.maxSize(THREADS)
			.queueCapacity(QUEUE)
			.awaitTerminationPeriod(Duration.ofSeconds(5))
			.build();
		this.registry = new DefaultPoolRegistry();
		this.registry.register(this.pool);
		boolean timed = this.executor.equals("pools-timed");
		new PoolMetrics(this.registry, (name) -> timed).bindTo(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
		this.pool.start();
	}

	@TearDown(Level.Trial)
	public void tearDown() throws InterruptedException {
		if (this.raw != null) {
			this.raw.shutdown();
			this.raw.awaitTermination(5, TimeUnit.SECONDS);
		}
		if (this.registry != null) {
			this.registry.close();
		}
	}

	@Benchmark
	@OperationsPerInvocation(BATCH)
	public long submitThenWait() throws Exception {
		Future<?>[] futures = this.futures;
		if (this.raw != null) {
			for (int i = 0; i < BATCH; i++) {
				futures[i] = this.raw.submit(this.task);
			}
		}
		else {
			for (int i = 0; i < BATCH; i++) {
				futures[i] = this.pool.submit("tiny", this.task);
			}
		}
		long sum = 0;
		for (int i = 0; i < BATCH; i++) {
			sum += (Integer) futures[i].get();
		}
		return sum;
	}

}
