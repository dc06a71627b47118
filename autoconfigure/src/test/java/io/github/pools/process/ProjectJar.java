package io.github.pools.process;

import java.io.File;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

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

	private static void addTree(JarOutputStream out, Path root) throws IOException {
		try (Stream<Path> files = Files.walk(root)) {
			for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
				String name = root.relativize(file).toString().replace('\\', '/');
				if (name.startsWith("META-INF/")) {
					continue;
				}
				out.putNextEntry(new JarEntry(name));
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
