package io.github.pools.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import com.hazelcast.core.HazelcastInstance;
import io.github.pools.InvalidPoolSettingException;
import io.github.pools.PoolBuilder;
import io.github.pools.internal.SettingRules;
import io.github.pools.process.channel.ObjectCodec;
import io.github.pools.process.channel.ObjectFilters;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link ClusterPoolManager}. Every setting has a default; {@link #build()}
 * validates them all and names the first one that breaks a rule, in its configuration
 * form ({@code threads-per-member}, {@code task-timeout}). Core and maximum size are
 * both the threads per member: set them with {@link #threadsPerMember(int)}.
 */
public final class ClusterPoolBuilder extends PoolBuilder<ClusterPoolBuilder, ClusterPoolManager> {

	/** Default {@code max-message-size}: 64 MiB. */
	public static final long DEFAULT_MAX_MESSAGE_SIZE = 64L * 1024 * 1024;

	/** Smallest allowed {@code max-message-size}. */
	public static final long MIN_MAX_MESSAGE_SIZE = 4096;

	private final Supplier<HazelcastInstance> hazelcast;

	private int threadsPerMember = Runtime.getRuntime().availableProcessors();

	private boolean durable = true;

	private @Nullable Duration taskTimeout;

	private List<String> allowedClasses = List.of();

	private long maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;

	private int maxObjectDepth = 100;

	ClusterPoolBuilder(String name, Supplier<HazelcastInstance> hazelcast) {
		super(name, Runtime.getRuntime().availableProcessors(), 1);
		this.hazelcast = Objects.requireNonNull(hazelcast, "hazelcast must not be null");
	}

	/**
	 * Set how many threads run the pool's tasks on each member
	 * ({@code threads-per-member}); by default the number of available processors.
	 * @param threadsPerMember the threads, at least 1
	 * @return this builder
	 */
	public ClusterPoolBuilder threadsPerMember(int threadsPerMember) {
		this.threadsPerMember = threadsPerMember;
		return coreSize(threadsPerMember).maxSize(Math.max(1, threadsPerMember));
	}

	/**
	 * Set whether tasks go through Hazelcast's durable executor ({@code durable});
	 * {@code true} by default. A durable task whose member dies runs again on another
	 * member, so it runs at least once and must be idempotent; a task of a pool that is
	 * not durable fails with {@link MemberLeftException} instead.
	 * @param durable whether the pool is durable
	 * @return this builder
	 */
	public ClusterPoolBuilder durable(boolean durable) {
		this.durable = durable;
		return this;
	}

	/**
	 * Set how long a task may take ({@code task-timeout}); by default there is no limit.
	 * A task that takes longer fails with {@link io.github.pools.TaskTimeoutException}
	 * and is cancelled on its member.
	 * @param taskTimeout the limit, or {@code null} for none
	 * @return this builder
	 */
	public ClusterPoolBuilder taskTimeout(@Nullable Duration taskTimeout) {
		this.taskTimeout = taskTimeout;
		return this;
	}

	/**
	 * Add classes to the deserialization allow-list ({@code allowed-classes}), with the
	 * syntax and defaults of process pools (see
	 * {@link io.github.pools.process.ProcessPoolManager.Builder#allowedClasses(List)}).
	 * Each member reads tasks through its own pool's list, and the application reads
	 * results through it.
	 * @param allowedClasses the patterns
	 * @return this builder
	 */
	public ClusterPoolBuilder allowedClasses(List<String> allowedClasses) {
		this.allowedClasses = List.copyOf(allowedClasses);
		return this;
	}

	/**
	 * Set the largest serialized task or result, in bytes ({@code max-message-size});
	 * 64 MiB by default, at least {@value #MIN_MAX_MESSAGE_SIZE}.
	 * @param maxMessageSize the limit in bytes
	 * @return this builder
	 */
	public ClusterPoolBuilder maxMessageSize(long maxMessageSize) {
		this.maxMessageSize = maxMessageSize;
		return this;
	}

	/**
	 * Set the deepest object graph that may be deserialized ({@code max-object-depth});
	 * 100 by default.
	 * @param maxObjectDepth the limit
	 * @return this builder
	 */
	public ClusterPoolBuilder maxObjectDepth(int maxObjectDepth) {
		this.maxObjectDepth = maxObjectDepth;
		return this;
	}

	@Override
	protected void validateSettings() {
		SettingRules.atLeast(name(), "threads-per-member", this.threadsPerMember, 1);
		if (this.taskTimeout != null) {
			SettingRules.positive(name(), "task-timeout", this.taskTimeout);
		}
		for (String pattern : this.allowedClasses) {
			try {
				ObjectFilters.checkPattern(pattern);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidPoolSettingException(name(), "allowed-classes", "'" + pattern + "'", ex.getMessage());
			}
		}
		if (this.maxMessageSize < MIN_MAX_MESSAGE_SIZE || this.maxMessageSize > Integer.MAX_VALUE - 8) {
			throw new InvalidPoolSettingException(name(), "max-message-size", this.maxMessageSize,
					"must be between " + MIN_MAX_MESSAGE_SIZE + " and " + (Integer.MAX_VALUE - 8) + " bytes");
		}
		SettingRules.atLeast(name(), "max-object-depth", this.maxObjectDepth, 1);
	}

	/**
	 * Validate the settings and build the pool, not yet started. Nothing reaches the
	 * cluster before {@link ClusterPoolManager#start()}.
	 * @return the pool, in state {@link io.github.pools.PoolState#NEW NEW}
	 * @throws InvalidPoolSettingException for the first setting that breaks a rule
	 */
	@Override
	public ClusterPoolManager build() {
		validate();
		ObjectCodec codec = new ObjectCodec(
				ObjectFilters.of(this.allowedClasses, this.maxMessageSize, this.maxObjectDepth));
		HazelcastInstance instance = Objects.requireNonNull(this.hazelcast.get(), "no Hazelcast instance");
		return new ClusterPoolManager(new ClusterConfig(settings(), instance, this.durable, this.taskTimeout,
				this.maxMessageSize, codec));
	}

}
