package io.github.pools.process;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The project's classes and its test classes in one jar, for tests of what the JVM does
 * only with jars (a class-data archive).
 */
public final class ProjectJar {

	private ProjectJar() {
	}

	/**
	 * Write every directory of the test's class path into one jar.
	 * @param jar the jar to write
	 * @return the jar
	 * @throws IOException if it cannot be written
	 */
	public static Path write(Path jar) throws IOException {
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
			for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
				Path root = Path.of(entry);
				if (Files.isDirectory(root)) {
					addTree(out, root);
				}
			}
		}
		return jar;
	}

	/**
	 * Write an executable Spring Boot jar's layout: every directory of the test's class
	 * path under {@code BOOT-INF/classes/}, the given nested jars under
	 * {@code BOOT-INF/lib/} in the given order and, if given, a class path index. Boot's
	 * launcher itself is not in it: a worker can start from it only unpacked.
	 * @param jar the jar to write
	 * @param libraries nested jars by file name
	 * @param index the file names {@code BOOT-INF/classpath.idx} lists, or {@code null}
	 * for none
	 * @return the jar
	 * @throws IOException if it cannot be written
	 */
	public static Path writeBootJar(Path jar, Map<String, byte[]> libraries, @Nullable List<String> index)
			throws IOException {
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "org.springframework.boot.loader.launch.JarLauncher");
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
			Set<String> directories = new HashSet<>();
			for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
				Path root = Path.of(entry);
				if (Files.isDirectory(root)) {
					addTree(out, root, "BOOT-INF/classes/", directories);
				}
			}
			for (Map.Entry<String, byte[]> library : libraries.entrySet()) {
				add(out, "BOOT-INF/lib/" + library.getKey(), library.getValue());
			}
			if (index != null) {
				StringBuilder lines = new StringBuilder();
				index.forEach((name) -> lines.append("- \"BOOT-INF/lib/").append(name).append("\"\n"));
				add(out, "BOOT-INF/classpath.idx", lines.toString().getBytes(StandardCharsets.UTF_8));
			}
		}
		return jar;
	}

	/**
	 * Return a jar that holds the given resources.
	 * @param resources the resources' contents by name
	 * @return the jar's bytes
	 * @throws IOException never, in practice
	 */
	public static byte[] jarOf(Map<String, String> resources) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (JarOutputStream out = new JarOutputStream(bytes)) {
			for (Map.Entry<String, String> resource : resources.entrySet()) {
				add(out, resource.getKey(), resource.getValue().getBytes(StandardCharsets.UTF_8));
			}
		}
		return bytes.toByteArray();
	}

	/** Add one entry, whatever its name: tests write names a real build never would. */
	public static void add(JarOutputStream out, String name, byte[] content) throws IOException {
		out.putNextEntry(new JarEntry(name));
		out.write(content);
		out.closeEntry();
	}

	private static void addTree(JarOutputStream out, Path root) throws IOException {
		addTree(out, root, "", null);
	}

	/** Directory entries too, as build tools write them, into {@code directories} if given. */
	private static void addTree(JarOutputStream out, Path root, String prefix, @Nullable Set<String> directories)
			throws IOException {
		try (Stream<Path> files = Files.walk(root)) {
			for (Path file : (Iterable<Path>) files.sorted()::iterator) {
				String name = root.relativize(file).toString().replace('\\', '/');
				if (name.startsWith("META-INF") || name.isEmpty()) {
					continue;
				}
				if (Files.isDirectory(file)) {
					if (directories != null && directories.add(prefix + name + "/")) {
						out.putNextEntry(new JarEntry(prefix + name + "/"));
						out.closeEntry();
					}
					continue;
				}
				out.putNextEntry(new JarEntry(prefix + name));
				try (OutputStream entry = new NonClosing(out)) {
					Files.copy(file, entry);
				}
				out.closeEntry();
			}
		}
	}

	private static final class NonClosing extends FilterOutputStream {

		NonClosing(OutputStream out) {
			super(out);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			this.out.write(bytes, offset, length);
		}

		@Override
		public void close() {
			// the jar stays open for the next entry
		}

	}

}
