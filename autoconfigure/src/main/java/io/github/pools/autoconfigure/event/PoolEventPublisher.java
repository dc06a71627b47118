package io.github.pools.autoconfigure.event;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.github.pools.PoolListener;
import io.github.pools.PoolManager;
import io.github.pools.PoolRegistry;
import io.github.pools.PoolRegistryListener;
import io.github.pools.PoolStats;
import io.github.pools.RejectionReason;
import io.github.pools.WorkerExitReason;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Turns what happens in the pools of a {@link PoolRegistry} into {@link PoolEvent}s: it
 * listens to every registered pool, including pools registered later, and stops
 * listening to a pool when it leaves the registry.
 * <ul>
 * <li>{@link PoolSaturatedEvent}: the first task refused as saturated, then at most one
 * per {@code window};</li>
 * <li>{@link PoolRejectionBurstEvent}: {@code rejectionBurstThreshold} refusals, for any
 * reason, within {@code window}, then at most one per {@code window};</li>
 * <li>{@link WorkerCrashLoopEvent}: {@code crashLoopThreshold} worker crashes within
 * {@code crashLoopWindow}, then at most one per {@code crashLoopWindow};</li>
 * <li>{@link PoolResizedEvent}: every resize.</li>
 * </ul>
 * Windows slide and are kept per pool. Events are published on the thread that caused
 * them; a rejection storm costs each refused submit one short synchronized section, and
 * only the rare submit that publishes pays for the event's listeners.
 */
public class PoolEventPublisher implements DisposableBean {

	private final PoolRegistry registry;

	private final ApplicationEventPublisher publisher;

	private final Settings settings;

	private final LongSupplier nanoClock;

	private final Map<String, Watcher> watchers = new ConcurrentHashMap<>();

	private final PoolRegistryListener registryListener = new PoolRegistryListener() {

		@Override
		public void poolAdded(PoolManager pool) {
			Watcher watcher = new Watcher(pool);
			Watcher previous = PoolEventPublisher.this.watchers.put(pool.name(), watcher);
			if (previous != null) {
				previous.pool.removeListener(previous);
			}
			pool.addListener(watcher);
		}

		@Override
		public void poolRemoved(PoolManager pool) {
			Watcher watcher = PoolEventPublisher.this.watchers.remove(pool.name());
			if (watcher != null) {
				pool.removeListener(watcher);
			}
		}

	};

	/**
	 * Create a new instance that follows the registry until {@link #destroy() destroyed}.
	 * @param registry the pools to watch
	 * @param publisher where events go, usually the application context
	 * @param settings thresholds and windows
	 */
	public PoolEventPublisher(PoolRegistry registry, ApplicationEventPublisher publisher, Settings settings) {
		this(registry, publisher, settings, System::nanoTime);
	}

	PoolEventPublisher(PoolRegistry registry, ApplicationEventPublisher publisher, Settings settings,
			LongSupplier nanoClock) {
		this.registry = registry;
		this.publisher = publisher;
		this.settings = settings;
		this.nanoClock = nanoClock;
		registry.addListener(this.registryListener);
	}

	/**
	 * Stop listening to the registry and its pools.
	 */
	@Override
	public void destroy() {
		this.registry.removeListener(this.registryListener);
		this.watchers.values().forEach((watcher) -> watcher.pool.removeListener(watcher));
		this.watchers.clear();
	}

	/**
	 * Thresholds and windows of the rate-limited events.
	 *
	 * @param window shortest time between two saturation or rejection-burst events of one
	 * pool, and the period over which rejections are counted
	 * @param rejectionBurstThreshold refusals within the window that make a burst
	 * @param crashLoopThreshold worker crashes within the crash-loop window that make a
	 * crash loop
	 * @param crashLoopWindow period over which crashes are counted, and shortest time
	 * between two crash-loop events of one pool
	 */
	public record Settings(Duration window, int rejectionBurstThreshold, int crashLoopThreshold,
			Duration crashLoopWindow) {

		/**
		 * Create a new instance.
		 * @throws IllegalArgumentException if a threshold is below 1 or a window is not
		 * longer than zero
		 */
		public Settings {
			requirePositive("window", window);
			requirePositive("crash-loop-window", crashLoopWindow);
			requireAtLeastOne("rejection-burst-threshold", rejectionBurstThreshold);
			requireAtLeastOne("crash-loop-threshold", crashLoopThreshold);
		}

		private static void requirePositive(String name, Duration value) {
			if (value.isNegative() || value.isZero()) {
				throw new IllegalArgumentException(name + " must be longer than zero but was " + value);
			}
		}

		private static void requireAtLeastOne(String name, int value) {
			if (value < 1) {
				throw new IllegalArgumentException(name + " must be at least 1 but was " + value);
			}
		}

	}

	/** Listens to one pool; its detectors are per pool. */
	private final class Watcher implements PoolListener {

		private final PoolManager pool;

		private final BurstDetector saturation;

		private final BurstDetector rejections;

		private final BurstDetector crashes;

		Watcher(PoolManager pool) {
			this.pool = pool;
			Settings settings = PoolEventPublisher.this.settings;
			long window = settings.window().toNanos();
			this.saturation = new BurstDetector(1, window);
			this.rejections = new BurstDetector(settings.rejectionBurstThreshold(), window);
			this.crashes = new BurstDetector(settings.crashLoopThreshold(), settings.crashLoopWindow().toNanos());
		}

		@Override
		public void taskRejected(PoolManager pool, RejectionReason reason) {
			long now = PoolEventPublisher.this.nanoClock.getAsLong();
			if (reason == RejectionReason.SATURATED && this.saturation.record(now)) {
				publish(new PoolSaturatedEvent(pool, pool.stats()));
			}
			if (this.rejections.record(now)) {
				Settings settings = PoolEventPublisher.this.settings;
				publish(new PoolRejectionBurstEvent(pool, pool.stats(), settings.rejectionBurstThreshold(),
						settings.window()));
			}
		}

		@Override
		public void workerExited(PoolManager pool, int workerId, long pid, WorkerExitReason reason) {
			if (reason == WorkerExitReason.CRASH && this.crashes.record(PoolEventPublisher.this.nanoClock.getAsLong())) {
				Settings settings = PoolEventPublisher.this.settings;
				publish(new WorkerCrashLoopEvent(pool, pool.stats(), settings.crashLoopThreshold(),
						settings.crashLoopWindow(), pid));
			}
		}

		@Override
		public void memberLeft(PoolManager pool, String member, int members) {
			publish(new ClusterMemberLeftEvent(pool, pool.stats(), member, members));
		}

		@Override
		public void resized(PoolManager pool, PoolStats before, PoolStats after) {
			publish(new PoolResizedEvent(pool, before, after));
		}

		private void publish(PoolEvent event) {
			PoolEventPublisher.this.publisher.publishEvent(event);
		}

	}

}
