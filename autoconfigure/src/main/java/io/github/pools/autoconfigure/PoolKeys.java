package io.github.pools.autoconfigure;

import java.beans.PropertyDescriptor;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;

/**
 * The keys Pools knows under {@code pools.*}, read from the properties classes, and what
 * to say about a key it does not know: the nearest valid key, by edit distance.
 */
final class PoolKeys {

	/** Removed keys, with what replaces them. */
	private static final Map<String, String> REPLACED = Map.of("pools.management.resize-enabled",
			"was replaced by Spring Boot's management.endpoint.pools.access=unrestricted, which offers the resize "
					+ "operation of the pools endpoint");

	private static final List<Key> THREAD = keys("", ThreadPoolProperties.class);

	private static final List<Key> PROCESS = keys("", ProcessPoolProperties.class);

	private static final List<Key> CLUSTER = keys("", ClusterPoolProperties.class);

	private static final List<Key> MANAGEMENT = keys("management.", PoolsProperties.Management.class);

	private static final List<Key> GROUPS = List.of(new Key("thread", false), new Key("process", false),
			new Key("cluster", false), new Key("management", false));

	private PoolKeys() {
	}

	/**
	 * Explain why a property under {@code pools} is not a key Pools knows.
	 * @param name the property, for example {@code pools.thread.io.maxsize}
	 * @return the reason, for example {@code is not a key of a thread pool; did you mean
	 * 'max-size'?}
	 */
	static String explainUnknown(ConfigurationPropertyName name) {
		String replaced = REPLACED.get(name.toString());
		if (replaced != null) {
			return replaced;
		}
		String kind = (name.getNumberOfElements() > 1) ? name.getElement(1, Form.UNIFORM) : "";
		List<Key> poolKeys = switch (kind) {
			case "thread" -> THREAD;
			case "process" -> PROCESS;
			case "cluster" -> CLUSTER;
			default -> null;
		};
		if (name.getNumberOfElements() > 3 && poolKeys != null) {
			return "is not a key of a " + kind + " pool; " + suggest(relative(name, 3), poolKeys);
		}
		if (kind.equals("management")) {
			return "is not a key of Pools; " + suggest(relative(name, 1), MANAGEMENT);
		}
		Key nearest = nearest(name.getElement(1, Form.DASHED), GROUPS);
		return "is not a key of Pools; " + ((nearest != null) ? "did you mean 'pools." + nearest.name() + "'? " : "")
				+ "Pools are declared under pools.thread.<name>, pools.process.<name> and pools.cluster.<name>";
	}

	/**
	 * Return the keys of a thread pool, relative to {@code pools.thread.<name>}.
	 * @return the keys in declaration order, for example {@code shutdown.await-termination}
	 */
	static List<String> threadPoolKeys() {
		return THREAD.stream().map(Key::name).toList();
	}

	/**
	 * Return the keys of a process pool, relative to {@code pools.process.<name>}.
	 * @return the keys in declaration order
	 */
	static List<String> processPoolKeys() {
		return PROCESS.stream().map(Key::name).toList();
	}

	/**
	 * Return the keys of a cluster pool, relative to {@code pools.cluster.<name>}.
	 * @return the keys in declaration order
	 */
	static List<String> clusterPoolKeys() {
		return CLUSTER.stream().map(Key::name).toList();
	}

	private static String suggest(String key, List<Key> keys) {
		Key list = keys.stream().filter((candidate) -> candidate.list() && key.startsWith(candidate.name() + "."))
			.findFirst()
			.orElse(null);
		if (list != null) {
			return "did you mean '" + list.name() + "'? It is a list: '" + list.name() + ": [a, b]' in YAML, '"
					+ list.name() + "[0]=a' in properties";
		}
		Key nearest = nearest(key, keys);
		if (nearest != null) {
			return "did you mean '" + nearest.name() + "'?";
		}
		return "valid keys: " + String.join(", ", keys.stream().map(Key::name).toList());
	}

	/**
	 * Return the valid key closest to the given one, if it is close enough to be a typo:
	 * at most a third of its characters differ.
	 */
	private static @Nullable Key nearest(String key, Collection<Key> keys) {
		Key nearest = keys.stream().min(Comparator.comparingInt((candidate) -> distance(key, candidate.name())))
			.orElse(null);
		if (nearest == null || distance(key, nearest.name()) > Math.max(2, nearest.name().length() / 3)) {
			return null;
		}
		return nearest;
	}

	private static String relative(ConfigurationPropertyName name, int from) {
		StringBuilder key = new StringBuilder();
		for (int i = from; i < name.getNumberOfElements(); i++) {
			if (name.isNumericIndex(i)) {
				key.append('[').append(name.getElement(i, Form.ORIGINAL)).append(']');
			}
			else {
				key.append((key.length() > 0) ? "." : "").append(name.getElement(i, Form.DASHED));
			}
		}
		return key.toString();
	}

	/**
	 * Return the keys of a properties class in their dashed form, in declaration order,
	 * descending into the nested groups of Pools' own classes.
	 */
	private static List<Key> keys(String prefix, Class<?> type) {
		List<Key> keys = new ArrayList<>();
		for (Field field : type.getDeclaredFields()) {
			PropertyDescriptor property = BeanUtils.getPropertyDescriptor(type, field.getName());
			if (property == null || property.getReadMethod() == null) {
				continue;
			}
			String name = prefix + DataObjectPropertyName.toDashedForm(property.getName());
			Class<?> propertyType = property.getPropertyType();
			if (propertyType.getPackageName().startsWith("io.github.pools.autoconfigure")
					&& !propertyType.isEnum()) {
				keys.addAll(keys(name + ".", propertyType));
			}
			else {
				keys.add(new Key(name, Collection.class.isAssignableFrom(propertyType)));
			}
		}
		return keys;
	}

	/** Levenshtein distance: the fewest one-character edits that turn one into the other. */
	static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

	/**
	 * A valid key.
	 *
	 * @param name the key relative to its pool (or to {@code pools}), dashed
	 * @param list whether its value is a list
	 */
	private record Key(String name, boolean list) {

	}

}
