package io.github.pools.actuate;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import io.github.pools.PoolManager;
import io.github.pools.PoolRegistry;
import io.github.pools.PoolRegistryListener;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;

/**
 * The {@code pools} health contributor: one {@link PoolHealthIndicator} per pool of a
 * {@link PoolRegistry}, named after the pool and ordered by name. It follows the
 * registry, so a pool registered at runtime appears and a removed one disappears. The
 * overall status is the worst of the pools' (DOWN over OUT_OF_SERVICE over UP), as
 * Actuator aggregates every composite.
 */
public class PoolsHealthContributor implements CompositeHealthContributor, DisposableBean {

	private final PoolRegistry registry;

	private final Map<String, PoolHealthIndicator> indicators = new ConcurrentSkipListMap<>();

	private final PoolRegistryListener listener;

	/**
	 * Create a new instance that follows the registry until {@link #destroy() destroyed}.
	 * @param registry the pools
	 * @param applicationRunning whether the application runs, that is it has started its
	 * pools and is not shutting down; see {@link PoolHealthIndicator} for what it changes
	 */
	public PoolsHealthContributor(PoolRegistry registry, BooleanSupplier applicationRunning) {
		this.registry = registry;
		this.listener = new PoolRegistryListener() {

			@Override
			public void poolAdded(PoolManager pool) {
				PoolHealthIndicator previous = PoolsHealthContributor.this.indicators.put(pool.name(),
						new PoolHealthIndicator(pool, applicationRunning));
				if (previous != null) {
					previous.detach();
				}
			}

			@Override
			public void poolRemoved(PoolManager pool) {
				PoolHealthIndicator indicator = PoolsHealthContributor.this.indicators.remove(pool.name());
				if (indicator != null) {
					indicator.detach();
				}
			}

		};
		registry.addListener(this.listener);
	}

	@Override
	public @Nullable HealthContributor getContributor(String name) {
		return this.indicators.get(name);
	}

	@Override
	public Stream<Entry> stream() {
		return this.indicators.entrySet().stream().map((entry) -> new Entry(entry.getKey(), entry.getValue()));
	}

	/**
	 * Stop following the registry and the pools.
	 */
	@Override
	public void destroy() {
		this.registry.removeListener(this.listener);
		this.indicators.values().forEach(PoolHealthIndicator::detach);
	}

}
