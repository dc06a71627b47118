package io.github.pools.process.channel;

import java.io.InvalidClassException;
import java.io.ObjectStreamClass;
import java.io.ObjectStreamField;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The compact class descriptors of the channel. Java serialization writes, for every
 * class in every message, its name, serial version UID, flags and the name and type of
 * each field: for a task that captures one {@code int}, several hundred bytes and most of
 * the time spent on either side. The application and its workers run the same class
 * path (and the members of a cluster the same application), so a descriptor is sent as the class name, its serial version UID and a hash of
 * its serial fields, and the reader uses its own descriptor of that class after checking
 * both: a class that differs between the two sides is refused with
 * {@link InvalidClassException} rather than read wrongly.
 */
final class ClassDescriptors {

	private static final ClassValue<Integer> LAYOUTS = new ClassValue<>() {
		@Override
		protected Integer computeValue(Class<?> type) {
			return layoutOf(ObjectStreamClass.lookupAny(type));
		}
	};

	/** Resolved classes by name, each with the loader that resolved it. */
	private final Map<String, Resolved> resolved = new ConcurrentHashMap<>();

	/**
	 * Return the hash of a descriptor's serial fields: names, types and order.
	 * @param descriptor the local descriptor
	 * @return the hash
	 */
	static int layout(ObjectStreamClass descriptor) {
		Class<?> type = descriptor.forClass();
		return (type != null) ? LAYOUTS.get(type) : layoutOf(descriptor);
	}

	private static int layoutOf(ObjectStreamClass descriptor) {
		int hash = 1;
		for (ObjectStreamField field : descriptor.getFields()) {
			hash = 31 * hash + field.getName().hashCode();
			hash = 31 * hash + field.getTypeCode();
			String signature = field.getTypeString();
			hash = 31 * hash + ((signature != null) ? signature.hashCode() : 0);
		}
		return hash;
	}

	/**
	 * Resolve a class by name with a loader, remembering the answer: looking a class up
	 * by name costs more than reading its data.
	 * @param name the class name
	 * @param loader the loader to ask
	 * @return the class
	 * @throws ClassNotFoundException if the loader does not know it
	 */
	Class<?> resolve(String name, ClassLoader loader) throws ClassNotFoundException {
		Resolved known = this.resolved.get(name);
		if (known != null && known.loader() == loader) {
			return known.type();
		}
		Class<?> type = Class.forName(name, false, loader);
		this.resolved.put(name, new Resolved(loader, type));
		return type;
	}

	/**
	 * Check that the writer's descriptor matches ours.
	 * @param local our descriptor of the class
	 * @param serialVersionUid the writer's serial version UID
	 * @param layout the writer's field layout hash
	 * @throws InvalidClassException if the class differs between the two sides
	 */
	static void check(ObjectStreamClass local, long serialVersionUid, int layout) throws InvalidClassException {
		if (local.getSerialVersionUID() != serialVersionUid || layout(local) != layout) {
			throw new InvalidClassException(local.getName(),
					"the class differs between the sender and this JVM (serialVersionUID " + serialVersionUid
							+ " there, " + local.getSerialVersionUID()
							+ " here, or other serial fields); both must run the same version of it");
		}
	}

	private record Resolved(ClassLoader loader, Class<?> type) {
	}

}
