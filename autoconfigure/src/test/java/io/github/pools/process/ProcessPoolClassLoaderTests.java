package io.github.pools.process;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.pools.BatchOptions;
import io.github.pools.SerializableBiFunction;
import io.github.pools.SerializableFunction;
import io.github.pools.process.restart.Doubled;
import io.github.pools.process.restart.Sum;
import io.github.pools.process.restart.Twice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Results are read with the class loader of the code that submitted the work, as under
 * Spring Boot devtools, where the application's classes live in a restart class loader
 * that Pools' own classes cannot see past: an application type read with Pools' loader
 * is another class of the same name ({@code Doubled cannot be cast to Doubled}).
 */
@ExtendWith(NoWorkerLeftBehind.class)
class ProcessPoolClassLoaderTests {

	private RestartClassLoader restart;

	private ProcessPoolManager pool;

	@BeforeEach
	void start() {
		URL classes = Twice.class.getProtectionDomain().getCodeSource().getLocation();
		this.restart = new RestartClassLoader(classes, getClass().getClassLoader());
		this.pool = ProcessPoolManager.builder("restart").maxSize(1).build();
		this.pool.start();
	}

	@AfterEach
	void stop() throws IOException {
		this.pool.close();
		this.restart.close();
	}

	@Test
	void batchResultsAreReadWithTheFunctionsLoader() throws Exception {
		SerializableFunction<Integer, Object> twice = restartInstance(Twice.class);
		assertThat(twice.getClass().getClassLoader()).isSameAs(this.restart);
		List<Integer> items = List.of(1, 2, 3);
		BatchOptions options = BatchOptions.chunkSize(2);
		assertLoadedByRestart(this.pool.map(null, twice, items));
		assertLoadedByRestart(this.pool.map(null, twice, items, options));
		try (Stream<Object> lazily = this.pool.mapLazily(null, twice, items, options)) {
			assertLoadedByRestart(lazily.toList());
		}
		try (Stream<Object> asCompleted = this.pool.mapAsCompleted(null, twice, items, options)) {
			assertLoadedByRestart(asCompleted.toList());
		}
		SerializableBiFunction<Integer, Integer, Object> sum = restartInstance(Sum.class);
		assertLoadedByRestart(this.pool.starmap(null, sum, List.of(Map.entry(1, 2), Map.entry(3, 4)), options));
	}

	private void assertLoadedByRestart(List<Object> results) {
		assertThat(results).isNotEmpty().allSatisfy((result) -> {
			assertThat(result.getClass().getName()).isEqualTo(Doubled.class.getName());
			assertThat(result.getClass().getClassLoader()).isSameAs(this.restart);
		});
	}

	@SuppressWarnings("unchecked")
	private <T> T restartInstance(Class<?> type) throws ReflectiveOperationException {
		return (T) this.restart.loadClass(type.getName()).getConstructor().newInstance();
	}

	/**
	 * Loads the classes of {@code io.github.pools.process.restart} itself, child first,
	 * and everything else through its parent.
	 */
	static final class RestartClassLoader extends URLClassLoader {

		private static final String PACKAGE = Twice.class.getPackageName() + ".";

		RestartClassLoader(URL classes, ClassLoader parent) {
			super(new URL[] { classes }, parent);
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			if (!name.startsWith(PACKAGE)) {
				return super.loadClass(name, resolve);
			}
			synchronized (getClassLoadingLock(name)) {
				Class<?> loaded = findLoadedClass(name);
				if (loaded == null) {
					loaded = findClass(name);
				}
				if (resolve) {
					resolveClass(loaded);
				}
				return loaded;
			}
		}

	}

}
