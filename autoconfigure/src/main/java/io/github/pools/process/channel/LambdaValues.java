package io.github.pools.process.channel;

import java.io.IOException;
import java.io.InvalidClassException;
import java.io.InvalidObjectException;
import java.io.StreamCorruptedException;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Serializable lambdas that capture only {@linkplain SmallValues small values}, the
 * shape of most tasks ({@code () -> work(x)}), written without object streams: a tag,
 * the lambda's name (the nine fields of its {@link SerializedLambda} but the captured
 * values, the same for every instance of one lambda), then its captured values.
 * <p>
 * Reading applies the same allow-list checks as Java serialization would (the
 * {@code SerializedLambda}, the capturing class, the captured values' classes, each
 * before anything of it is initialized; then the recreated lambda's own class, as Java
 * serialization checks what {@code readResolve} returns) and recreates the lambda the
 * same way, through the capturing class's {@code $deserializeLambda$}, which recreates
 * only lambdas that class declares. What it saves is the object streams' machinery: on a JVM still running
 * its interpreter, as every worker and application does for its first thousands of
 * tasks, a task crosses about ten times faster.
 * <p>
 * Lambdas that capture anything else, and lambdas whose classes Pools cannot reach by
 * reflection (in a named module not open to it), go through Java serialization.
 */
final class LambdaValues {

	/** After {@link SmallValues}' tags; a Java serialization stream starts with 0xAC. */
	static final byte TAG = 8;

	private static final int MAX_STRING_BYTES = 0xFFFF;

	private static final int MAX_CAPTURED = 0xFF;

	private static final ClassValue<Form> FORMS = new ClassValue<>() {

		@Override
		protected Form computeValue(Class<?> type) {
			return Form.of(type);
		}

	};

	private static final ClassValue<Optional<Method>> DESERIALIZERS = new ClassValue<>() {

		@Override
		protected Optional<Method> computeValue(Class<?> capturing) {
			return Optional.ofNullable(deserializer(capturing));
		}

	};

	/** The name of the lambda last read, so that a stream of one lambda parses it once. */
	private volatile @Nullable Shape last;

	/**
	 * Write a lambda if it has the form this class writes.
	 * @param buffer the frame being built
	 * @param value the value
	 * @return whether it was written; if not, nothing was
	 * @throws IOException if the lambda's {@code writeReplace} fails
	 */
	static boolean write(FrameBuffer buffer, Object value) throws IOException {
		Class<?> type = value.getClass();
		if (!type.isSynthetic()) {
			return false; // every lambda class is; this keeps the check cheap for other values
		}
		Form form = FORMS.get(type);
		if (form == Form.NONE) {
			return false;
		}
		SerializedLambda lambda = form.replace(value);
		int count = lambda.getCapturedArgCount();
		if (count > MAX_CAPTURED) {
			return false;
		}
		for (int i = 0; i < count; i++) {
			if (SmallValues.size(lambda.getCapturedArg(i)) < 0) {
				return false;
			}
		}
		byte[] name = form.name(lambda);
		if (name == null) {
			return false;
		}
		buffer.write(TAG);
		buffer.write(name.length >>> 8);
		buffer.write(name.length);
		buffer.write(name, 0, name.length);
		buffer.write(count);
		for (int i = 0; i < count; i++) {
			Object captured = lambda.getCapturedArg(i);
			int size = SmallValues.size(captured);
			buffer.write(size >>> 8);
			buffer.write(size);
			SmallValues.write(buffer, captured);
		}
		return true;
	}

	/**
	 * Read a lambda written by {@link #write}.
	 * @param bytes the array
	 * @param offset where the tag is
	 * @param length the length of the whole value
	 * @param loader the class loader that resolves the capturing class
	 * @param descriptors the codec's resolved classes
	 * @param filter the allow-list
	 * @return the lambda
	 * @throws InvalidClassException if the allow-list refuses a class (its refusal is
	 * recorded in the filter)
	 * @throws ClassNotFoundException if the capturing class is missing on this side
	 * @throws IOException if the bytes are not such a lambda, or it cannot be recreated
	 */
	Object read(byte[] bytes, int offset, int length, ClassLoader loader, ClassDescriptors descriptors,
			ObjectFilters.RecordingFilter filter) throws IOException, ClassNotFoundException {
		int end = offset + length;
		int at = offset + 1;
		int nameLength = readShort(bytes, at, end);
		at += 2;
		check(at + nameLength < end, "its name runs past the frame");
		Shape shape = this.last;
		if (shape == null || shape.loader != loader || !shape.matches(bytes, at, nameLength)) {
			shape = Shape.parse(bytes, at, nameLength, loader, descriptors);
			this.last = shape;
		}
		at += nameLength;
		if (filter.refuses(SerializedLambda.class) || filter.refuses(shape.capturing)
				|| filter.refuses(Object[].class)) {
			throw new InvalidClassException(shape.capturingName, "filter status: REJECTED");
		}
		Object[] captured = new Object[bytes[at++] & 0xFF];
		for (int i = 0; i < captured.length; i++) {
			int size = readShort(bytes, at, end);
			at += 2;
			check(size > 0 && at + size <= end, "a captured value runs past the frame");
			Class<?> type = SmallValues.type(bytes[at]);
			check(SmallValues.isSmall(bytes[at]), "a captured value is not a small value");
			if (type != null && filter.refuses(type)) {
				throw new InvalidClassException(type.getName(), "filter status: REJECTED");
			}
			captured[i] = SmallValues.read(bytes, at, size);
			at += size;
		}
		if (at != end) {
			// built only on failure: a worker's first tasks pay no string concatenation
			check(false, "it has " + (end - at) + " bytes too many");
		}
		Object lambda = shape.recreate(captured);
		// As Java serialization checks the object readResolve returns: the same patterns
		// allow or refuse a lambda whichever form it crossed in.
		if (filter.refuses(lambda.getClass())) {
			throw new InvalidClassException(lambda.getClass().getName(), "filter status: REJECTED");
		}
		return lambda;
	}

	private static int readShort(byte[] bytes, int at, int end) throws StreamCorruptedException {
		check(at + 2 <= end, "it ends early");
		return ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
	}

	private static void check(boolean valid, String problem) throws StreamCorruptedException {
		if (!valid) {
			throw new StreamCorruptedException("invalid lambda value: " + problem);
		}
	}

	private static @Nullable Method deserializer(Class<?> capturing) {
		try {
			Method method = capturing.getDeclaredMethod("$deserializeLambda$", SerializedLambda.class);
			method.setAccessible(true);
			return method;
		}
		catch (NoSuchMethodException | RuntimeException ex) {
			return null; // not a class that declares serializable lambdas, or not open to Pools
		}
	}

	/** How to write the lambdas of one class: none, or through its {@code writeReplace}. */
	private static final class Form {

		static final Form NONE = new Form(null);

		private final @Nullable Method writeReplace;

		private volatile byte @Nullable [] name;

		private Form(@Nullable Method writeReplace) {
			this.writeReplace = writeReplace;
		}

		static Form of(Class<?> type) {
			if (!type.getName().contains("$$Lambda") || !java.io.Serializable.class.isAssignableFrom(type)) {
				return NONE;
			}
			try {
				Method method = type.getDeclaredMethod("writeReplace");
				method.setAccessible(true);
				return (method.getReturnType() == Object.class) ? new Form(method) : NONE;
			}
			catch (NoSuchMethodException | RuntimeException ex) {
				return NONE;
			}
		}

		SerializedLambda replace(Object lambda) throws IOException {
			try {
				return (SerializedLambda) this.writeReplace.invoke(lambda);
			}
			catch (IllegalAccessException | InvocationTargetException | ClassCastException ex) {
				throw new IOException("cannot serialize lambda " + lambda.getClass().getName(), ex);
			}
		}

		/**
		 * Return the lambda's name, the same for every instance of this class, or
		 * {@code null} if its capturing class could not recreate it here (then no
		 * reader could: both ends run the same class path).
		 */
		byte @Nullable [] name(SerializedLambda lambda) {
			byte[] name = this.name;
			if (name == null) {
				name = encode(lambda);
				this.name = name;
			}
			return (name.length > 0) ? name : null;
		}

		private byte[] encode(SerializedLambda lambda) {
			String capturing = lambda.getCapturingClass().replace('/', '.');
			try {
				Class<?> type = Class.forName(capturing, false, this.writeReplace.getDeclaringClass().getClassLoader());
				if (DESERIALIZERS.get(type).isEmpty()) {
					return new byte[0];
				}
			}
			catch (ClassNotFoundException | LinkageError ex) {
				return new byte[0];
			}
			String[] strings = { capturing, lambda.getFunctionalInterfaceClass(),
					lambda.getFunctionalInterfaceMethodName(), lambda.getFunctionalInterfaceMethodSignature(),
					lambda.getImplClass(), lambda.getImplMethodName(), lambda.getImplMethodSignature(),
					lambda.getInstantiatedMethodType() };
			FrameBuffer out = new FrameBuffer(256);
			out.write(lambda.getImplMethodKind());
			for (String string : strings) {
				byte[] utf8 = string.getBytes(StandardCharsets.UTF_8);
				if (utf8.length > MAX_STRING_BYTES) {
					return new byte[0];
				}
				out.write(utf8.length >>> 8);
				out.write(utf8.length);
				out.write(utf8, 0, utf8.length);
			}
			byte[] name = out.payload();
			return (name.length <= MAX_STRING_BYTES) ? name : new byte[0];
		}

	}

	/** A lambda's name as read, with its capturing class resolved. */
	private static final class Shape {

		private final byte[] name;

		private final ClassLoader loader;

		private final Class<?> capturing;

		private final String capturingName;

		private final String[] strings;

		private final int kind;

		private Shape(byte[] name, ClassLoader loader, Class<?> capturing, String[] strings, int kind) {
			this.name = name;
			this.loader = loader;
			this.capturing = capturing;
			this.capturingName = strings[0];
			this.strings = strings;
			this.kind = kind;
		}

		static Shape parse(byte[] bytes, int offset, int length, ClassLoader loader, ClassDescriptors descriptors)
				throws IOException, ClassNotFoundException {
			int end = offset + length;
			check(length > 0, "its name is empty");
			int kind = bytes[offset];
			int at = offset + 1;
			String[] strings = new String[8];
			for (int i = 0; i < strings.length; i++) {
				int size = readShort(bytes, at, end);
				at += 2;
				check(at + size <= end, "its name runs past its length");
				strings[i] = new String(bytes, at, size, StandardCharsets.UTF_8);
				at += size;
			}
			check(at == end, "its name is longer than its eight strings");
			// Loaded without initializing it: the allow-list decides first.
			Class<?> capturing = descriptors.resolve(strings[0], loader);
			return new Shape(Arrays.copyOfRange(bytes, offset, end), loader, capturing, strings, kind);
		}

		boolean matches(byte[] bytes, int offset, int length) {
			return Arrays.equals(this.name, 0, this.name.length, bytes, offset, offset + length);
		}

		Object recreate(Object[] captured) throws IOException {
			Method deserializer = DESERIALIZERS.get(this.capturing).orElse(null);
			if (deserializer == null) {
				throw new InvalidClassException(this.capturingName,
						"declares no serializable lambdas that Pools can reach");
			}
			String[] s = this.strings;
			SerializedLambda lambda = new SerializedLambda(this.capturing, s[1], s[2], s[3], this.kind, s[4], s[5],
					s[6], s[7], captured);
			try {
				return deserializer.invoke(null, lambda);
			}
			catch (IllegalAccessException | InvocationTargetException ex) {
				Throwable cause = (ex instanceof InvocationTargetException) ? ex.getCause() : ex;
				InvalidObjectException failure = new InvalidObjectException(
						"cannot recreate lambda " + s[5] + " of " + this.capturingName + ": " + cause);
				failure.initCause(cause);
				throw failure;
			}
		}

	}

}
