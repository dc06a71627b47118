package io.github.pools.process.channel;

import java.io.ObjectInputFilter;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The deserialization allow-list of a pool, applied to everything that crosses a
 * channel in either direction: tasks, results, initializers and finalizers.
 * <p>
 * Allowed by default: the JDK's value and collection types ({@value #DEFAULT_PATTERNS}),
 * serialized lambdas, arrays of allowed types and of primitives, and Pools' own
 * {@code io.github.pools.**}. A pool's {@code allowed-classes} come first, in
 * {@link ObjectInputFilter.Config#createFilter(String) ObjectInputFilter pattern}
 * syntax, so they can also deny ({@code !java.util.PriorityQueue}). Everything else is
 * refused, and so is every {@link Throwable}, whatever the patterns say: exceptions
 * cross only as data ({@link RemoteError}). The limits {@code maxbytes} and
 * {@code maxdepth} come from the pool's {@code max-message-size} and
 * {@code max-object-depth}.
 * <p>
 * What a stream makes the reader allocate is bounded by {@code max-message-size} too,
 * since a stream can declare more than it carries: an array is refused, before it is
 * allocated, if its length times its element size (the primitive's size, or 4 bytes per
 * reference) exceeds {@code max-message-size}, and a stream is refused once it holds
 * more than one object reference per {@value #BYTES_PER_REFERENCE} bytes of
 * {@code max-message-size} (no object but {@code null} costs fewer bytes in a stream).
 */
public final class ObjectFilters {

	/**
	 * The default allow-list, in pattern syntax. The lock classes are named one by one:
	 * {@code ConcurrentHashMap} (its {@code Segment}s), the blocking queues and
	 * {@code Semaphore} serialize their lock, their conditions or their synchronizer, and
	 * would otherwise be refused while the lock-free collections pass.
	 */
	public static final String DEFAULT_PATTERNS = "java.lang.*;java.lang.invoke.SerializedLambda;java.util.*;"
			+ "java.util.concurrent.*;java.util.concurrent.atomic.*;"
			+ "java.util.concurrent.locks.ReentrantLock;java.util.concurrent.locks.ReentrantLock$Sync;"
			+ "java.util.concurrent.locks.ReentrantLock$NonfairSync;java.util.concurrent.locks.ReentrantLock$FairSync;"
			+ "java.util.concurrent.locks.AbstractQueuedSynchronizer;"
			+ "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject;"
			+ "java.util.concurrent.locks.AbstractOwnableSynchronizer;"
			+ "java.time.**;java.math.*;io.github.pools.**";

	/**
	 * Memory counted per element of an array of references, and stream bytes allowed per
	 * object reference.
	 */
	static final int BYTES_PER_REFERENCE = 4;

	private final List<String> allowedClasses;

	private final long maxBytes;

	private final int maxDepth;

	private final long maxReferences;

	/** The class patterns, parsed on first use. */
	private volatile @Nullable ClassPatterns patterns;

	/**
	 * What the patterns say of each class, and whether it is a {@link Throwable}: the
	 * JDK's pattern filter matches every pattern anew on each call, several times per
	 * message, and its answer for a class never changes.
	 */
	private final ClassValue<ObjectInputFilter.Status> decisions = new ClassValue<>() {
		@Override
		protected ObjectInputFilter.Status computeValue(Class<?> type) {
			return isThrowable(type) ? ObjectInputFilter.Status.REJECTED : patterns().decide(type);
		}
	};

	private ObjectFilters(List<String> allowedClasses, long maxBytes, int maxDepth) {
		this.allowedClasses = List.copyOf(allowedClasses);
		this.maxBytes = maxBytes;
		this.maxDepth = maxDepth;
		this.maxReferences = maxBytes / BYTES_PER_REFERENCE;
	}

	/**
	 * Build the allow-list of a pool. The patterns are not checked here; see
	 * {@link #checkPattern(String)}.
	 * @param allowedClasses extra patterns, each one pattern such as {@code com.example.**}
	 * @param maxBytes the most bytes one stream may hold
	 * @param maxDepth the deepest object graph allowed
	 * @return the filters
	 */
	public static ObjectFilters of(List<String> allowedClasses, long maxBytes, int maxDepth) {
		return new ObjectFilters(allowedClasses, maxBytes, maxDepth);
	}

	/**
	 * Check one pattern of {@code allowed-classes}.
	 * @param pattern the pattern
	 * @throws IllegalArgumentException with the rule it breaks
	 */
	public static void checkPattern(String pattern) {
		if (pattern.isBlank() || pattern.indexOf(';') >= 0 || !pattern.strip().equals(pattern)) {
			throw new IllegalArgumentException("must be one class pattern without ';' or spaces, such as "
					+ "'com.example.**'");
		}
		if (pattern.indexOf('=') >= 0) {
			throw new IllegalArgumentException("must be a class pattern; limits are set with max-message-size "
					+ "and max-object-depth");
		}
		// Let the JDK judge the syntax, exactly as it will apply it.
		ObjectInputFilter.Config.createFilter(pattern);
	}

	private ClassPatterns patterns() {
		ClassPatterns patterns = this.patterns;
		if (patterns == null) {
			patterns = ClassPatterns.parse(spec());
			this.patterns = patterns;
		}
		return patterns;
	}

	/**
	 * The pool's patterns, then the defaults, then {@code !*}; built without string
	 * concatenation, which would cost a worker start-up time.
	 */
	String spec() {
		StringBuilder spec = new StringBuilder(256);
		for (String pattern : this.allowedClasses) {
			spec.append(pattern).append(';');
		}
		return spec.append(DEFAULT_PATTERNS).append(";!*").toString();
	}

	/**
	 * Return the pool's extra patterns.
	 * @return the patterns, as given
	 */
	public List<String> allowedClasses() {
		return this.allowedClasses;
	}

	/**
	 * Return the most bytes one stream may hold.
	 * @return the limit
	 */
	public long maxBytes() {
		return this.maxBytes;
	}

	/**
	 * Return the deepest object graph allowed.
	 * @return the limit
	 */
	public int maxDepth() {
		return this.maxDepth;
	}

	/**
	 * Create the filter for one stream. It records the first refusal, so that the
	 * failure can name the class or limit instead of the JDK's bare "filter status:
	 * REJECTED".
	 * @return a new filter
	 */
	RecordingFilter newFilter() {
		return new RecordingFilter();
	}

	/**
	 * Describe a refusal and how to fix it, for an exception message.
	 * @param rejected the refused class, or {@code null} if a limit was exceeded
	 * @param info the filter input that was refused
	 * @return the description
	 */
	String describe(@Nullable Class<?> rejected, ObjectInputFilter.FilterInfo info) {
		// Limits first: the JDK refuses a class it would allow when a limit is exceeded.
		if (info.depth() > this.maxDepth) {
			return "the object graph is deeper than max-object-depth (" + this.maxDepth + ")";
		}
		if (info.streamBytes() > this.maxBytes) {
			return "the serialized form is larger than max-message-size (" + this.maxBytes + " bytes)";
		}
		if (rejected == null) {
			return "it exceeds a deserialization limit (depth " + info.depth() + ", " + info.streamBytes()
					+ " bytes, " + info.references() + " references)";
		}
		Class<?> type = rejected;
		while (type.isArray()) {
			type = type.getComponentType();
		}
		String name = type.getName();
		if (Throwable.class.isAssignableFrom(type)) {
			return "class " + name + " is a Throwable, and exceptions never cross as objects; "
					+ "return a message or a value of your own instead";
		}
		int lambda = name.indexOf("$$Lambda");
		if (lambda > 0) {
			// A lambda's runtime class is hidden and named per JVM run: allow its declaring class.
			String declaring = name.substring(0, lambda);
			int dot = declaring.lastIndexOf('.');
			String fix = (dot > 0) ? "'" + declaring.substring(0, dot) + ".**'" : "'" + declaring + "*'";
			return "lambda declared in class " + declaring + " is not in the deserialization allow-list; add " + fix
					+ " to the pool's allowed-classes";
		}
		int dot = name.lastIndexOf('.');
		String fix = (dot > 0) ? "'" + name.substring(0, dot) + ".**' or '" + name + "'" : "'" + name + "'";
		return "class " + name + " is not in the deserialization allow-list; add " + fix
				+ " to the pool's allowed-classes";
	}

	private static boolean isThrowable(Class<?> type) {
		Class<?> element = type;
		while (element.isArray()) {
			element = element.getComponentType();
		}
		return Throwable.class.isAssignableFrom(element);
	}

	/**
	 * What a filter is asked of a class alone, within every limit: the part of its
	 * answer that depends only on the class.
	 * @param serialClass the class
	 */
	record ClassOnly(Class<?> serialClass) implements ObjectInputFilter.FilterInfo {

		@Override
		public long arrayLength() {
			return -1;
		}

		@Override
		public long depth() {
			return 1;
		}

		@Override
		public long references() {
			return 0;
		}

		@Override
		public long streamBytes() {
			return 0;
		}

	}

	/**
	 * One stream's filter: the pattern filter plus the Throwable rule, remembering the
	 * first refusal.
	 */
	final class RecordingFilter implements ObjectInputFilter {

		private @Nullable String refusal;

		@Override
		public Status checkInput(FilterInfo info) {
			Class<?> type = info.serialClass();
			String limit = exceededLimit(type, info);
			Status status;
			if (limit != null || info.depth() > ObjectFilters.this.maxDepth
					|| info.streamBytes() > ObjectFilters.this.maxBytes) {
				status = Status.REJECTED; // the pattern filter's maxdepth and maxbytes, checked here
			}
			else {
				status = (type != null) ? ObjectFilters.this.decisions.get(type) : Status.UNDECIDED;
			}
			if (status == Status.REJECTED && this.refusal == null) {
				this.refusal = (limit != null) ? limit : describe(type, info);
			}
			return status;
		}

		/**
		 * The limits the JDK's filter does not know: what a stream makes the reader
		 * allocate, whatever it carries.
		 */
		private @Nullable String exceededLimit(@Nullable Class<?> type, FilterInfo info) {
			long length = info.arrayLength();
			if (type != null && type.isArray() && length >= 0) {
				Class<?> element = type.getComponentType();
				long bytes = length * elementSize(element);
				if (bytes > ObjectFilters.this.maxBytes) {
					return "the stream declares an array of " + length + " " + element.getTypeName() + ", " + bytes
							+ " bytes in memory, more than max-message-size (" + ObjectFilters.this.maxBytes
							+ " bytes)";
				}
			}
			if (info.references() > ObjectFilters.this.maxReferences) {
				return "the stream holds more than " + ObjectFilters.this.maxReferences
						+ " object references, one per " + BYTES_PER_REFERENCE + " bytes of max-message-size ("
						+ ObjectFilters.this.maxBytes + " bytes)";
			}
			return null;
		}

		private static long elementSize(Class<?> element) {
			if (!element.isPrimitive()) {
				return BYTES_PER_REFERENCE;
			}
			if (element == long.class || element == double.class) {
				return 8;
			}
			if (element == int.class || element == float.class) {
				return 4;
			}
			if (element == short.class || element == char.class) {
				return 2;
			}
			return 1; // byte, boolean
		}

		/**
		 * Check a class alone, before anything of it is read or initialized, recording
		 * the refusal if the allow-list refuses it. Allocates nothing for an allowed
		 * class: it runs for every class descriptor and every small value.
		 * @param type the class
		 * @return whether it is refused
		 */
		boolean refuses(Class<?> type) {
			if (ObjectFilters.this.decisions.get(type) != Status.REJECTED) {
				return false;
			}
			if (this.refusal == null) {
				this.refusal = describe(type, new ClassOnly(type));
			}
			return true;
		}

		@Nullable String refusal() {
			return this.refusal;
		}

	}

}
