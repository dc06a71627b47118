package io.github.pools.process.channel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.github.pools.SerializableCallable;
import io.github.pools.SerializableFunction;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The channel's compact class descriptors: what crosses still reads back equal, a class
 * the allow-list refuses is never initialized, and a class that differs between the two
 * sides is refused rather than read wrongly.
 */
class CompactDescriptorsTests {

	private final ObjectCodec codec = new ObjectCodec(
			ObjectFilters.of(List.of(CompactDescriptorsTests.class.getName() + "$*"), 1 << 20, 100));

	@Test
	void valuesOfEveryKindOfClassReadBackEqual() throws Exception {
		Map<String, Object> map = new HashMap<>();
		map.put("unit", TimeUnit.SECONDS);
		map.put("record", new Point(1, 2));
		map.put("custom", new Custom("written by writeObject"));
		map.put("numbers", new TreeMap<>(Map.of(1, new BigDecimal("1.5"))));
		map.put("arrays", new Object[] { new int[] { 1, 2 }, new String[] { "a" }, new long[0][0] });
		map.put("class", String.class);
		map.put("duration", Duration.ofMillis(1500));
		map.put("list", new ArrayList<>(List.of(1, "two", 3.0)));
		Object copy = roundTrip(map);
		assertThat(copy).usingRecursiveComparison().isEqualTo(map);
	}

	@Test
	void capturingLambdasRunAfterTheTrip() throws Exception {
		int x = 41;
		SerializableCallable<Integer> task = () -> x + 1;
		assertThat(((SerializableCallable<?>) roundTrip(task)).call()).isEqualTo(42);
		String suffix = "!";
		SerializableFunction<String, String> function = (s) -> s + suffix;
		@SuppressWarnings("unchecked")
		SerializableFunction<String, String> copy = (SerializableFunction<String, String>) roundTrip(function);
		assertThat(copy.apply("hi")).isEqualTo("hi!");
	}

	@Test
	void capturingTaskIsAThirdSmallerThanItsStandardForm() throws Exception {
		int x = 7;
		SerializableCallable<Integer> task = () -> x;
		FrameBuffer compact = new FrameBuffer(1024);
		ObjectCodec.write(compact, task);
		ByteArrayOutputStream standard = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(standard)) {
			out.writeObject(task);
		}
		assertThat(compact.payloadSize()).isLessThan(standard.size() * 2 / 3);
	}

	@Test
	void classRefusedByTheAllowListIsNeverInitialized() throws Exception {
		ObjectCodec strict = new ObjectCodec(ObjectFilters.of(List.of("!" + Gadget.class.getName()), 1 << 20, 100));
		System.clearProperty(Gadget.INITIALIZED);
		FrameBuffer buffer = new FrameBuffer(256);
		ObjectCodec.write(buffer, new Gadget());
		byte[] bytes = buffer.payload();
		// This JVM wrote it, so the class is initialized here: read it in a fresh loader.
		ClassLoader fresh = new IsolatingLoader(getClass().getClassLoader(), Gadget.class.getName());
		assertThatExceptionOfType(ObjectRefusedException.class)
			.isThrownBy(() -> strict.read(bytes, 0, bytes.length, fresh))
			.withMessageContaining(Gadget.class.getName() + " is not in the deserialization allow-list");
		Class<?> isolated = Class.forName(Gadget.class.getName(), false, fresh);
		assertThat(isolated).isNotSameAs(Gadget.class);
		assertThat(System.getProperty(Gadget.INITIALIZED)).isNull();
		Class.forName(Gadget.class.getName(), true, fresh); // the check above can fail
		assertThat(System.getProperty(Gadget.INITIALIZED)).isEqualTo(IsolatingLoader.class.getName());
		System.clearProperty(Gadget.INITIALIZED);
	}

	@Test
	void classThatDiffersBetweenTheSidesIsRefused() {
		ObjectStreamClass local = ObjectStreamClass.lookup(Point.class);
		assertThatExceptionOfType(InvalidClassException.class)
			.isThrownBy(() -> ClassDescriptors.check(local, local.getSerialVersionUID(),
					ClassDescriptors.layout(local) + 1))
			.withMessageContaining(Point.class.getName())
			.withMessageContaining("differs between the sender and this JVM");
		assertThatExceptionOfType(InvalidClassException.class)
			.isThrownBy(() -> ClassDescriptors.check(local, local.getSerialVersionUID() + 1,
					ClassDescriptors.layout(local)));
	}

	private Object roundTrip(Object value) throws IOException, ClassNotFoundException {
		FrameBuffer buffer = new FrameBuffer(256);
		ObjectCodec.write(buffer, value);
		byte[] bytes = buffer.payload();
		return this.codec.read(bytes, 0, bytes.length, getClass().getClassLoader());
	}

	record Point(int x, int y) implements Serializable {
	}

	static final class Custom implements Serializable {

		private transient String text;

		Custom(String text) {
			this.text = text;
		}

		private void writeObject(ObjectOutputStream out) throws IOException {
			out.writeUTF(this.text);
		}

		private void readObject(java.io.ObjectInputStream in) throws IOException {
			this.text = in.readUTF();
		}

		String text() {
			return this.text;
		}

	}

	/** A class whose static initializer must not run when a stream names it. */
	static final class Gadget implements Serializable {

		static final String INITIALIZED = "compact-descriptors-tests.gadget-initialized";

		static {
			ClassLoader loader = Gadget.class.getClassLoader();
			if (loader.getClass().getName().endsWith("$IsolatingLoader")) {
				System.setProperty(INITIALIZED, loader.getClass().getName());
			}
		}

	}

	/** Loads one class itself, so that it is a new, uninitialized class. */
	static final class IsolatingLoader extends ClassLoader {

		private final String isolated;

		IsolatingLoader(ClassLoader parent, String isolated) {
			super(parent);
			this.isolated = isolated;
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			if (!name.equals(this.isolated)) {
				return super.loadClass(name, resolve);
			}
			synchronized (getClassLoadingLock(name)) {
				Class<?> loaded = findLoadedClass(name);
				if (loaded == null) {
					try (var in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
						byte[] bytes = in.readAllBytes();
						loaded = defineClass(name, bytes, 0, bytes.length);
					}
					catch (IOException ex) {
						throw new ClassNotFoundException(name, ex);
					}
				}
				return loaded;
			}
		}

	}

}
