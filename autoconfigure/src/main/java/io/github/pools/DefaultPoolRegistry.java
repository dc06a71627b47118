package io.github.pools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The default {@link PoolRegistry}: lookups are lock-free, registrations and removals
 * are serialized so listeners see them in order. {@link #close()} closes every pool
 * still registered.
 */
public class DefaultPoolRegistry implements PoolRegistry, AutoCloseable {

	private final Map<String, PoolManager> pools = new ConcurrentHashMap<>();

	private final List<PoolRegistryListener> listeners = new CopyOnWriteArrayList<>();

	/** Guards registration, removal and listener dispatch so events arrive in order. */
	private final Object monitor = new Object();

	@Override
	public PoolManager get(String name) {
		PoolManager pool = this.pools.get(name);
		if (pool == null) {
			throw new ManagerNotFoundException(name, names());
		}
		return pool;
	}

	@Override
	public Optional<PoolManager> find(String name) {
		return Optional.ofNullable(this.pools.get(name));
	}

	@Override
	public List<String> names() {
		return this.pools.keySet().stream().sorted().toList();
	}

	@Override
	public List<PoolManager> pools() {
		return names().stream().map(this.pools::get).filter(java.util.Objects::nonNull).toList();
	}

	@Override
	public <P extends PoolManager> P register(P pool) {
		synchronized (this.monitor) {
			if (this.pools.putIfAbsent(pool.name(), pool) != null) {
				throw new PoolAlreadyExistsException(pool.name());
			}
			this.listeners.forEach((listener) -> listener.poolAdded(pool));
		}
		return pool;
	}

	@Override
	public PoolManager remove(String name) {
		PoolManager pool;
		synchronized (this.monitor) {
			pool = this.pools.remove(name);
			if (pool == null) {
				throw new ManagerNotFoundException(name, names());
			}
			this.listeners.forEach((listener) -> listener.poolRemoved(pool));
		}
		pool.stop();
		return pool;
	}

	@Override
	public void addListener(PoolRegistryListener listener) {
		synchronized (this.monitor) {
			this.listeners.add(listener);
			pools().forEach(listener::poolAdded);
		}
	}

	@Override
	public void removeListener(PoolRegistryListener listener) {
		this.listeners.remove(listener);
	}

	/**
	 * Close every registered pool: all are asked to stop first, so they wind down in
	 * parallel, then each is {@link PoolManager#close() closed} in name order. The pools
	 * stay registered, stopped.
	 */
	@Override
	public void close() {
		List<PoolManager> all = new ArrayList<>(pools());
		all.forEach(PoolManager::stop);
		all.forEach(PoolManager::close);
	}

}
