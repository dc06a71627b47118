package io.github.pools.process.channel;

import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;

/**
 * Reads what {@link CompactObjectOutputStream} writes, resolving classes with a given
 * loader first: the loader of the submitted task on the pool side, the application
 * class loader in a worker.
 * <p>
 * A descriptor is this JVM's own descriptor of the named class. Taking it initializes
 * the class, so the stream's filter sees the class first, as it would before Java
 * serialization touches a class: a refused class is never initialized. The stream
 * checks the class again, with the real depth and counts, before reading its data.
 */
final class CompactObjectInputStream extends ObjectInputStream {

	private final ClassLoader loader;

	private final ClassDescriptors descriptors;

	private final ObjectFilters.RecordingFilter filter;

	CompactObjectInputStream(InputStream in, ClassLoader loader, ClassDescriptors descriptors,
			ObjectFilters.RecordingFilter filter) throws IOException {
		super(in);
		this.loader = loader;
		this.descriptors = descriptors;
		this.filter = filter;
		setObjectInputFilter(filter);
	}

	@Override
	protected ObjectStreamClass readClassDescriptor() throws IOException, ClassNotFoundException {
		String name = readUTF();
		long serialVersionUid = readLong();
		int layout = readInt();
		Class<?> type = resolve(name);
		if (this.filter.refuses(type)) {
			throw new InvalidClassException(name, "filter status: REJECTED");
		}
		ObjectStreamClass local = ObjectStreamClass.lookupAny(type);
		ClassDescriptors.check(local, serialVersionUid, layout);
		return local;
	}

	@Override
	protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
		return resolve(desc.getName());
	}

	private Class<?> resolve(String name) throws ClassNotFoundException {
		try {
			return this.descriptors.resolve(name, this.loader);
		}
		catch (ClassNotFoundException ex) {
			Class<?> primitive = primitive(name);
			if (primitive != null) {
				return primitive;
			}
			throw ex;
		}
	}

	private static Class<?> primitive(String name) {
		return switch (name) {
			case "int" -> int.class;
			case "long" -> long.class;
			case "double" -> double.class;
			case "float" -> float.class;
			case "short" -> short.class;
			case "char" -> char.class;
			case "byte" -> byte.class;
			case "boolean" -> boolean.class;
			case "void" -> void.class;
			default -> null;
		};
	}

}
