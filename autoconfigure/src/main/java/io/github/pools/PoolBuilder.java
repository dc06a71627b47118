package io.github.pools;

import java.time.Duration;

import io.github.pools.internal.PoolSettings;
import io.github.pools.internal.SettingRules;
import org.jspecify.annotations.Nullable;

/**
 * The settings every kind of pool shares, for the builders of
 * {@link io.github.pools.thread.ThreadPoolManager} and
 * {@link io.github.pools.process.ProcessPoolManager}. Each setting is named after its
 * configuration key ({@code core-size}, ...), and {@link #build()} validates them all
 * and names the first one that breaks a rule in that form.
 *
 * @param <B> the builder's own type
 * @param <P> the type of pool it builds
 */
public abstract class PoolBuilder<B extends PoolBuilder<B, P>, P extends PoolManager> {

	/** Default queue capacity. */
	public static final int DEFAULT_QUEUE_CAPACITY = 1000;

	private final String name;

	private final int minQueueCapacity;

	private @Nullable String taskType;

	private @Nullable Integer coreSize;

	private int maxSize;

	private int queueCapacity = DEFAULT_QUEUE_CAPACITY;

	private int maxTasksPerWorker;

	private boolean prestart;

	private boolean awaitTermination = true;

	private Duration awaitTerminationPeriod = Duration.ofSeconds(30);

	/**
	 * Create a builder with every setting at its default.
	 * @param name the pool name, not blank
	 * @param defaultMaxSize the kind's default maximum size
	 * @param minQueueCapacity the smallest queue capacity the kind supports
	 */
	protected PoolBuilder(String name, int defaultMaxSize, int minQueueCapacity) {
		this.name = SettingRules.name(name);
		this.maxSize = defaultMaxSize;
		this.minQueueCapacity = minQueueCapacity;
	}

	/**
	 * Return the name of the pool being built.
	 * @return the pool name
	 */
	public final String name() {
		return this.name;
	}

	/**
	 * Restrict the pool to one task type ({@code task-type}); by default it accepts
	 * every task.
	 * @param taskType the task type, or {@code null} to accept every task
	 * @return this builder
	 */
	public final B taskType(@Nullable String taskType) {
		this.taskType = taskType;
		return self();
	}

	/**
	 * Set the number of workers kept when idle ({@code core-size}); by default the
	 * maximum size, so that a pool does not shrink and grow again under a steady load.
	 * @param coreSize the core size, or {@code null} for the maximum size
	 * @return this builder
	 */
	public final B coreSize(@Nullable Integer coreSize) {
		this.coreSize = coreSize;
		return self();
	}

	/**
	 * Set the maximum number of workers ({@code max-size}); the default depends on the
	 * kind of pool.
	 * @param maxSize the maximum size, at least 1
	 * @return this builder
	 */
	public final B maxSize(int maxSize) {
		this.maxSize = maxSize;
		return self();
	}

	/**
	 * Set how many tasks can wait for a worker ({@code queue-capacity});
	 * {@value #DEFAULT_QUEUE_CAPACITY} by default.
	 * @param queueCapacity the queue capacity
	 * @return this builder
	 */
	public final B queueCapacity(int queueCapacity) {
		this.queueCapacity = queueCapacity;
		return self();
	}

	/**
	 * Set how many tasks a worker runs before it is replaced by a fresh one
	 * ({@code max-tasks-per-worker}), against leaks; 0 (the default) for no limit.
	 * @param maxTasksPerWorker the limit, or 0
	 * @return this builder
	 */
	public final B maxTasksPerWorker(int maxTasksPerWorker) {
		this.maxTasksPerWorker = maxTasksPerWorker;
		return self();
	}

	/**
	 * Set whether the core workers start with the pool ({@code prestart}) instead of on
	 * demand; {@code false} by default.
	 * @param prestart whether to start core workers eagerly
	 * @return this builder
	 */
	public final B prestart(boolean prestart) {
		this.prestart = prestart;
		return self();
	}

	/**
	 * Set whether {@link PoolManager#close()} waits for accepted tasks before stopping
	 * what is left ({@code shutdown.await-termination}); {@code true} by default.
	 * @param awaitTermination whether to wait
	 * @return this builder
	 */
	public final B awaitTermination(boolean awaitTermination) {
		this.awaitTermination = awaitTermination;
		return self();
	}

	/**
	 * Set how long {@link PoolManager#close()} waits
	 * ({@code shutdown.await-termination-period}); 30 seconds by default.
	 * @param awaitTerminationPeriod the longest wait
	 * @return this builder
	 */
	public final B awaitTerminationPeriod(Duration awaitTerminationPeriod) {
		this.awaitTerminationPeriod = awaitTerminationPeriod;
		return self();
	}

	/**
	 * Check every setting without building the pool.
	 * @return this builder
	 * @throws InvalidPoolSettingException for the first setting that breaks a rule
	 */
	public final B validate() {
		SettingRules.taskType(this.name, this.taskType);
		SettingRules.sizes(this.name, coreSizeOrMax(), this.maxSize);
		SettingRules.atLeast(this.name, "queue-capacity", this.queueCapacity, this.minQueueCapacity);
		SettingRules.atLeast(this.name, "max-tasks-per-worker", this.maxTasksPerWorker, 0);
		SettingRules.notNegative(this.name, "shutdown.await-termination-period", this.awaitTerminationPeriod);
		validateSettings();
		return self();
	}

	/**
	 * Check the settings of the kind, after the shared ones passed.
	 * @throws InvalidPoolSettingException for the first setting that breaks a rule
	 */
	protected abstract void validateSettings();

	/**
	 * Validate the settings and build the pool, not yet started.
	 * @return the pool, in state {@link PoolState#NEW}
	 * @throws InvalidPoolSettingException for the first setting that breaks a rule
	 */
	public abstract P build();

	/**
	 * Return the shared settings as the pool reads them; valid once
	 * {@link #validate()} passed.
	 * @return the settings
	 */
	protected final PoolSettings settings() {
		return new PoolSettings(this.name, this.taskType, coreSizeOrMax(), this.maxSize, this.queueCapacity,
				this.maxTasksPerWorker, this.prestart, this.awaitTermination ? this.awaitTerminationPeriod : Duration.ZERO);
	}

	private int coreSizeOrMax() {
		return (this.coreSize != null) ? this.coreSize : this.maxSize;
	}

	@SuppressWarnings("unchecked")
	private B self() {
		return (B) this;
	}

}
