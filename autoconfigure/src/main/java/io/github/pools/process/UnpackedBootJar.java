package io.github.pools.process;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import org.jspecify.annotations.Nullable;

/**
 * The nested jars of an executable Spring Boot jar, unpacked once into a pool's
 * {@code class-data-directory} so that workers start from a plain class path instead of
 * through Boot's launcher.
 * <p>
 * Started through the launcher, a worker opens the outer jar and each nested jar through
 * Boot's own class loader before it can load a class: more than twice the start of the
 * same worker from a plain class path, and the JVM cannot archive classes that come
 * through that loader. Unpacked, the worker's class path is in the order Boot's
 * {@code JarLauncher} gives the application: its classes (written into one jar,
 * {@code classes.jar}, directory entries included, so package scanning finds them), then
 * the nested jars the class path index ({@code BOOT-INF/classpath.idx}) does not list, in
 * the jar's order, then those it lists, in its order. The class-data archive then
 * covers them all.
 * <p>
 * The directory {@code boot-<digest>} is named after the jar's path, size, modification
 * time and the name, size and CRC of each of its entries, so a new build gets a new
 * directory even when its build tool fixes file times. It is written under a temporary
 * name and renamed only once complete; a directory found with a listed jar missing is
 * unpacked again. Temporary directories more than {@link #ABANDONED_AFTER} old are
 * left by processes that died while unpacking, and the next unpack removes them. If the
 * jar cannot be unpacked (a nested jar whose name would leave the directory, a disk that
 * is full), the pool logs why and its workers start through the launcher as before.
 */
final class UnpackedBootJar {

	private static final System.Logger logger = System.getLogger(ProcessPoolManager.class.getName());

	private static final String CLASSES = "BOOT-INF/classes/";

	private static final String LIB = "BOOT-INF/lib/";

	private static final String CLASSPATH_INDEX = "BOOT-INF/classpath.idx";

	private static final String TEMPORARY_SUFFIX = ".tmp";

	/** The unpacked class path, relative to its directory, one entry a line; written last. */
	private static final String CLASS_PATH_FILE = "classpath.txt";

	private static final AtomicLong ATTEMPTS = new AtomicLong();

	/** Unpacking takes well under a minute: a temporary directory this old was abandoned. */
	static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);

	private UnpackedBootJar() {
	}

	/**
	 * Return the command that starts workers from the unpacked jar, unpacking it first if
	 * this build of it has not been unpacked yet.
	 * @param command the command of a pool's workers
	 * @param directory the pool's {@code class-data-directory}
	 * @return a command without Boot's launcher, or {@code command} itself if it does not
	 * start workers from an executable Boot jar or the jar could not be unpacked
	 */
	static WorkerCommand startFrom(WorkerCommand command, Path directory) {
		if (command.bootLauncherClass() == null) {
			return command;
		}
		Path jar = Path.of(command.classPath());
		try {
			List<Path> classPath = unpack(jar, directory);
			List<String> entries = new ArrayList<>(classPath.size());
			for (Path entry : classPath) {
				entries.add(entry.toString());
			}
			return command.withPlainClassPath(String.join(File.pathSeparator, entries));
		}
		catch (IOException | RuntimeException ex) {
			logger.log(Level.WARNING, "Could not unpack " + jar + " into " + directory
					+ "; workers start through Spring Boot's launcher: " + ex, ex);
			return command;
		}
	}

	/**
	 * Unpack a Boot jar, or find it unpacked.
	 * @param jar the executable Boot jar
	 * @param directory the directory to unpack into
	 * @return the class path of the unpacked jar, every entry absolute
	 * @throws IOException if the jar cannot be read or written out
	 */
	static List<Path> unpack(Path jar, Path directory) throws IOException {
		Path target = directory.toAbsolutePath().resolve("boot-" + digest(jar));
		List<Path> classPath = complete(target);
		if (classPath != null) {
			return classPath;
		}
		Files.createDirectories(directory);
		removeAbandoned(target.getParent());
		Path temporary = temporary(target);
		Path incomplete = temporary(target);
		try {
			write(jar, temporary);
			if (Files.exists(target)) {
				// Incomplete (a file deleted since): set it aside, then replace it.
				try {
					Files.move(target, incomplete, StandardCopyOption.ATOMIC_MOVE);
				}
				catch (NoSuchFileException ex) {
					// another pool set it aside first
				}
			}
			moveIntoPlace(temporary, target);
		}
		finally {
			deleteTree(temporary);
			deleteTree(incomplete);
		}
		classPath = complete(target);
		if (classPath == null) {
			throw new IOException(target + " is incomplete right after unpacking; is another process deleting it?");
		}
		return classPath;
	}

	/** The class path of an unpacked jar, or {@code null} if it is missing or incomplete. */
	private static @Nullable List<Path> complete(Path target) throws IOException {
		Path classPathFile = target.resolve(CLASS_PATH_FILE);
		if (!Files.isRegularFile(classPathFile)) {
			return null;
		}
		List<Path> classPath = new ArrayList<>();
		for (String line : Files.readAllLines(classPathFile, StandardCharsets.UTF_8)) {
			if (!line.isEmpty()) {
				Path entry = target.resolve(line);
				if (!Files.isRegularFile(entry)) {
					return null;
				}
				classPath.add(entry);
			}
		}
		return classPath;
	}

	private static Path temporary(Path target) {
		return target.resolveSibling(target.getFileName() + "." + ProcessHandle.current().pid() + "."
				+ ATTEMPTS.incrementAndGet() + TEMPORARY_SUFFIX);
	}

	private static void write(Path jar, Path directory) throws IOException {
		Path lib = directory.resolve("lib");
		Files.createDirectories(lib);
		List<String> classPath = new ArrayList<>();
		try (JarFile source = new JarFile(jar.toFile())) {
			classPath.add("classes.jar");
			writeClasses(source, directory.resolve("classes.jar"));
			for (JarEntry entry : libraries(source)) {
				String name = entry.getName().substring(LIB.length());
				try (InputStream in = source.getInputStream(entry)) {
					Files.copy(in, lib.resolve(name));
				}
				classPath.add("lib/" + name);
			}
		}
		// Written last: a directory without it is incomplete.
		Files.write(directory.resolve(CLASS_PATH_FILE), classPath, StandardCharsets.UTF_8);
	}

	private static void writeClasses(JarFile source, Path classesJar) throws IOException {
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(classesJar))) {
			out.setLevel(Deflater.BEST_SPEED);
			Enumeration<JarEntry> entries = source.entries();
			while (entries.hasMoreElements()) {
				JarEntry entry = entries.nextElement();
				String name = entry.getName();
				if (!name.startsWith(CLASSES) || name.length() == CLASSES.length()) {
					continue;
				}
				JarEntry copy = new JarEntry(checked(name.substring(CLASSES.length()), name));
				copy.setTime(entry.getTime());
				out.putNextEntry(copy);
				try (InputStream in = source.getInputStream(entry)) {
					in.transferTo(out);
				}
				out.closeEntry();
			}
		}
	}

	/**
	 * The nested jars in {@code JarLauncher}'s order: those the class path index does not
	 * list, in the jar's order, then those it lists, in its order.
	 */
	private static List<JarEntry> libraries(JarFile source) throws IOException {
		Map<String, JarEntry> nested = new LinkedHashMap<>();
		Enumeration<JarEntry> entries = source.entries();
		while (entries.hasMoreElements()) {
			JarEntry entry = entries.nextElement();
			String name = entry.getName();
			if (name.startsWith(LIB) && name.endsWith(".jar") && !entry.isDirectory()) {
				String fileName = name.substring(LIB.length());
				if (fileName.contains("/") || fileName.contains("\\") || fileName.startsWith(".")
						|| fileName.contains(File.pathSeparator)) {
					throw new IOException("nested jar '" + name + "' is not a file directly under " + LIB
							+ " whose name can stand in a class path");
				}
				nested.put(name, entry);
			}
		}
		List<JarEntry> indexed = new ArrayList<>();
		JarEntry index = source.getJarEntry(CLASSPATH_INDEX);
		if (index != null) {
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(source.getInputStream(index), StandardCharsets.UTF_8))) {
				String line;
				while ((line = reader.readLine()) != null) {
					// - "BOOT-INF/lib/name.jar"
					String name = line.strip();
					if (name.startsWith("- \"") && name.endsWith("\"")) {
						JarEntry entry = nested.remove(name.substring(3, name.length() - 1));
						if (entry != null) {
							indexed.add(entry);
						}
					}
				}
			}
		}
		List<JarEntry> ordered = new ArrayList<>(nested.values());
		ordered.addAll(indexed);
		return ordered;
	}

	/** An entry of {@code BOOT-INF/classes/} that would land outside {@code classes.jar}'s root is refused. */
	private static String checked(String relative, String name) throws IOException {
		for (String part : relative.split("/")) {
			if (part.equals("..")) {
				throw new IOException("entry '" + name + "' leaves " + CLASSES);
			}
		}
		if (relative.startsWith("/")) {
			throw new IOException("entry '" + name + "' leaves " + CLASSES);
		}
		return relative;
	}

	private static void moveIntoPlace(Path temporary, Path target) throws IOException {
		try {
			Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException ex) {
			throw new IOException("cannot rename within " + target.getParent() + " atomically", ex);
		}
		catch (FileSystemException ex) {
			// Another pool or application unpacked the same jar first (the JDK reports a
			// rename onto a full directory as a plain FileSystemException): theirs is as good.
			if (!Files.isRegularFile(target.resolve(CLASS_PATH_FILE))) {
				throw ex;
			}
		}
	}

	/**
	 * Remove the temporary directories of any jar that processes left when they died
	 * while unpacking. Judged by age, not by process id: processes in other containers
	 * may share the directory.
	 */
	private static void removeAbandoned(Path directory) throws IOException {
		FileTime abandoned = FileTime.from(Instant.now().minus(ABANDONED_AFTER));
		try (Stream<Path> files = Files.list(directory)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				String name = file.getFileName().toString();
				if (name.startsWith("boot-") && name.endsWith(TEMPORARY_SUFFIX)
						&& Files.getLastModifiedTime(file).compareTo(abandoned) < 0) {
					deleteTree(file);
				}
			}
		}
	}

	private static void deleteTree(Path root) throws IOException {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> files = Files.walk(root)) {
			for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
				Files.deleteIfExists(file);
			}
		}
	}

	private static String digest(Path jar) throws IOException {
		Path absolute = jar.toAbsolutePath();
		BasicFileAttributes attributes = Files.readAttributes(absolute, BasicFileAttributes.class);
		MessageDigest digest = ClassDataArchive.sha256();
		digest.update((absolute + "\n" + attributes.size() + "\n" + attributes.lastModifiedTime().toMillis())
			.getBytes(StandardCharsets.UTF_8));
		// The entries' checksums, from the jar's central directory: a new build whose tool
		// fixes file times (for reproducible images) and happens to keep the size.
		try (JarFile source = new JarFile(absolute.toFile())) {
			Enumeration<JarEntry> entries = source.entries();
			while (entries.hasMoreElements()) {
				JarEntry entry = entries.nextElement();
				digest.update((entry.getName() + "\n" + entry.getSize() + "\n" + entry.getCrc() + "\n")
					.getBytes(StandardCharsets.UTF_8));
			}
		}
		return HexFormat.of().formatHex(digest.digest(), 0, 12);
	}

}
