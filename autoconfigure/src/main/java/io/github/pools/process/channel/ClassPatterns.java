package io.github.pools.process.channel;

import java.io.ObjectInputFilter;
import java.io.ObjectInputFilter.Status;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The class patterns of an allow-list, matched as
 * {@link ObjectInputFilter.Config#createFilter(String)} documents them: left to right,
 * the first pattern that matches decides ({@code !} in front rejects, otherwise allows),
 * and a class no pattern matches is undecided. An array is matched by its element type
 * and an array of primitives is undecided; {@code module/pattern} matches classes of that
 * named module; {@code pkg.**} matches the package and its subpackages, {@code pkg.*} the
 * package alone, {@code prefix*} any class name that starts with the prefix, anything
 * else the exact class name. Limits ({@code name=value}) are refused: the channel applies
 * its own.
 * <p>
 * The JDK's own filter would do the same, but creating one initializes
 * {@code ObjectInputFilter.Config}, which looks up a logging back end: 20 to 100 ms in a
 * fresh JVM, paid by a worker's first task. Patterns are validated by the JDK when a
 * pool is configured ({@link ObjectFilters#checkPattern(String)}); a test holds this
 * matcher to the JDK's answers.
 */
final class ClassPatterns {

	private final List<Pattern> patterns;

	private ClassPatterns(List<Pattern> patterns) {
		this.patterns = patterns;
	}

	/**
	 * Parse patterns.
	 * @param spec patterns separated by {@code ;}
	 * @return the patterns
	 * @throws IllegalArgumentException for a limit, or a pattern without a module, package
	 * or class name where its form needs one
	 */
	static ClassPatterns parse(String spec) {
		List<Pattern> patterns = new ArrayList<>();
		for (String pattern : spec.split(";")) {
			if (pattern.isEmpty()) {
				continue;
			}
			if (pattern.indexOf('=') >= 0) {
				throw new IllegalArgumentException("limits are not class patterns: \"" + pattern
						+ "\"; the channel applies max-message-size and max-object-depth itself");
			}
			patterns.add(Pattern.of(pattern));
		}
		return new ClassPatterns(List.copyOf(patterns));
	}

	/**
	 * Decide a class.
	 * @param type the class
	 * @return {@link Status#ALLOWED} or {@link Status#REJECTED} from the first pattern that
	 * matches, {@link Status#UNDECIDED} if none does or the class is a primitive type or
	 * an array of one
	 */
	Status decide(Class<?> type) {
		Class<?> element = type;
		while (element.isArray()) {
			element = element.getComponentType();
		}
		if (element.isPrimitive()) {
			return Status.UNDECIDED;
		}
		String name = element.getName();
		for (Pattern pattern : this.patterns) {
			if (pattern.matches(element, name)) {
				return pattern.negated() ? Status.REJECTED : Status.ALLOWED;
			}
		}
		return Status.UNDECIDED;
	}

	private enum Kind {

		/** {@code pkg.**}: the package and its subpackages. */
		PACKAGES,

		/** {@code pkg.*}: the package alone. */
		PACKAGE,

		/** {@code prefix*}: any name with the prefix. */
		PREFIX,

		/** The class name itself. */
		CLASS

	}

	/**
	 * One pattern.
	 * @param negated whether it rejects what it matches
	 * @param module the module it is limited to, or {@code null}
	 * @param kind how {@code name} is compared
	 * @param name the package with its final dot ({@code PACKAGES}, {@code PACKAGE}), the
	 * prefix or the class name
	 */
	private record Pattern(boolean negated, @Nullable String module, Kind kind, String name) {

		static Pattern of(String pattern) {
			boolean negated = pattern.charAt(0) == '!';
			int start = negated ? 1 : 0;
			int slash = pattern.indexOf('/', start);
			if (slash == start) {
				throw new IllegalArgumentException("module name is missing in: \"" + pattern + "\"");
			}
			String module = (slash >= 0) ? pattern.substring(start, slash) : null;
			String rest = pattern.substring((slash >= 0) ? slash + 1 : start);
			if (rest.endsWith(".**")) {
				String packages = rest.substring(0, rest.length() - 2);
				if (packages.length() < 2) {
					throw new IllegalArgumentException("package missing in: \"" + pattern + "\"");
				}
				return new Pattern(negated, module, Kind.PACKAGES, packages);
			}
			if (rest.endsWith(".*")) {
				String pkg = rest.substring(0, rest.length() - 1);
				if (pkg.length() < 2) {
					throw new IllegalArgumentException("package missing in: \"" + pattern + "\"");
				}
				return new Pattern(negated, module, Kind.PACKAGE, pkg);
			}
			if (rest.endsWith("*")) {
				return new Pattern(negated, module, Kind.PREFIX, rest.substring(0, rest.length() - 1));
			}
			if (rest.isEmpty()) {
				throw new IllegalArgumentException("class or package missing in: \"" + pattern + "\"");
			}
			return new Pattern(negated, module, Kind.CLASS, rest);
		}

		boolean matches(Class<?> type, String className) {
			if (this.module != null && !this.module.equals(type.getModule().getName())) {
				return false;
			}
			return switch (this.kind) {
				case PACKAGES, PREFIX -> className.startsWith(this.name);
				case PACKAGE -> className.startsWith(this.name) && className.lastIndexOf('.') == this.name.length() - 1;
				case CLASS -> className.equals(this.name);
			};
		}

	}

}
