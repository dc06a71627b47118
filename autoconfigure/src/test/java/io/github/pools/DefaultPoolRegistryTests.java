package io.github.pools;

import java.util.ArrayList;
import java.util.List;

import io.github.pools.thread.ThreadPoolManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DefaultPoolRegistry}.
 */
class DefaultPoolRegistryTests {

	private final DefaultPoolRegistry registry = new DefaultPoolRegistry();

	@AfterEach
	void close() {
		this.registry.close();
	}

	private ThreadPoolManager pool(String name) {
		ThreadPoolManager pool = ThreadPoolManager.builder(name).build();
		pool.start();
		return pool;
	}

	@Test
	void getReturnsRegisteredPoolAndFindReturnsOptional() {
		ThreadPoolManager io = this.registry.register(pool("io"));
		assertThat(this.registry.get("io")).isSameAs(io);
		assertThat(this.registry.get("io", ThreadPoolManager.class)).isSameAs(io);
		assertThat(this.registry.find("io")).containsSame(io);
		assertThat(this.registry.find("typo")).isEmpty();
	}

	@Test
	void getOfUnknownNameThrowsNamingThePoolAndTheKnownOnes() {
		this.registry.register(pool("io"));
		this.registry.register(pool("cpu"));
		assertThatExceptionOfType(ManagerNotFoundException.class).isThrownBy(() -> this.registry.get("oi"))
			.withMessage("No pool named 'oi'; known pools: [cpu, io]")
			.satisfies((ex) -> assertThat(ex.getPoolName()).isEqualTo("oi"));
	}

	@Test
	void getWithWrongManagerTypeThrows() {
		this.registry.register(pool("io"));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.registry.get("io", OtherKindOfPool.class))
			.withMessage("Pool 'io' is a ThreadPoolManager, not a OtherKindOfPool");
	}

	@Test
	void namesAreSortedAndUnmodifiable() {
		this.registry.register(pool("b"));
		this.registry.register(pool("c"));
		this.registry.register(pool("a"));
		assertThat(this.registry.names()).containsExactly("a", "b", "c");
		assertThat(this.registry.pools()).extracting(PoolManager::name).containsExactly("a", "b", "c");
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> this.registry.names().add("d"));
	}

	@Test
	void registerOfDuplicateNameIsRefusedAndKeepsTheFirstPool() {
		ThreadPoolManager first = this.registry.register(pool("io"));
		ThreadPoolManager second = pool("io");
		try {
			assertThatExceptionOfType(PoolAlreadyExistsException.class)
				.isThrownBy(() -> this.registry.register(second))
				.withMessage("A pool named 'io' is already registered; remove it first to replace it");
			assertThat(this.registry.get("io")).isSameAs(first);
		}
		finally {
			second.close();
		}
	}

	@Test
	void removeStopsThePoolAndForgetsIt() throws Exception {
		ThreadPoolManager io = this.registry.register(pool("io"));
		assertThat(this.registry.remove("io")).isSameAs(io);
		assertThat(io.awaitTermination(java.time.Duration.ofSeconds(10))).isTrue();
		assertThat(this.registry.find("io")).isEmpty();
		assertThatExceptionOfType(ManagerNotFoundException.class).isThrownBy(() -> this.registry.remove("io"));
	}

	@Test
	void forceCreateIsRemoveThenRegister() {
		this.registry.register(pool("io"));
		this.registry.remove("io");
		ThreadPoolManager fresh = this.registry.register(pool("io"));
		assertThat(this.registry.get("io")).isSameAs(fresh);
	}

	@Test
	void listenerIsToldOfExistingPoolsThenOfChanges() {
		this.registry.register(pool("existing"));
		List<String> events = new ArrayList<>();
		this.registry.addListener(new PoolRegistryListener() {
			@Override
			public void poolAdded(PoolManager pool) {
				events.add("added " + pool.name());
			}

			@Override
			public void poolRemoved(PoolManager pool) {
				events.add("removed " + pool.name());
			}
		});
		this.registry.register(pool("later"));
		this.registry.remove("existing");
		assertThat(events).containsExactly("added existing", "added later", "removed existing");
	}

	@Test
	void closeClosesEveryPool() {
		ThreadPoolManager a = this.registry.register(pool("a"));
		ThreadPoolManager b = this.registry.register(pool("b"));
		this.registry.close();
		assertThat(a.isTerminated()).isTrue();
		assertThat(b.isTerminated()).isTrue();
	}

	interface OtherKindOfPool extends PoolManager {

	}

}
