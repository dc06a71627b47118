package io.github.pools.process;

import java.io.BufferedInputStream;
import java.io.File;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

import org.jspecify.annotations.Nullable;

/**
 * A class-data-sharing archive of a pool's workers ({@code class-data-directory}): the
 * classes a worker loaded, stored once by the JVM so that later workers map them instead
 * of loading and verifying them again.
 * <p>
 * The first worker started without an archive writes one when it exits cleanly
 * ({@code -XX:ArchiveClassesAtExit}, to a file of its own that is moved into place only
 * after a clean exit, so a worker killed while writing leaves nothing behind); workers
 * started after that read it ({@code -XX:SharedArchiveFile}). Only one worker at a time
 * writes. The archive's file name is a digest of everything the JVM checks before it
 * uses an archive (the {@code java} executable, the worker's flags, and each class path
 * jar, with the jars its manifest's {@code Class-Path} names, with its size and
 * modification time), so a new build of the application gets a new archive instead of a
 * refused one.
 * <p>
 * The JVM archives classes from jars only: a class path with a directory of classes (an
 * IDE, {@code mvn spring-boot:run}) has no archive, and its workers start as usual.
 */
final class ClassDataArchive {

	private static final System.Logger logger = System.getLogger(ProcessPoolManager.class.getName());

	private final Path archive;

	/** Whether a worker is writing the archive now. */
	private final AtomicBoolean writing = new AtomicBoolean();

	private ClassDataArchive(Path archive) {
		this.archive = archive;
	}

	/**
	 * Return the archive of workers started with the given command, or {@code null} if
	 * the JVM could not use one.
	 * @param directory the pool's {@code class-data-directory}
	 * @param java the workers' {@code java} executable
	 * @param jvmArgs the workers' flags
	 * @param classPath the workers' class path
	 * @return the archive, or {@code null} when the class path holds a directory or a
	 * wildcard
	 */
	static @Nullable ClassDataArchive of(Path directory, Path java, List<String> jvmArgs, String classPath) {
		MessageDigest digest = sha256();
		update(digest, java.toAbsolutePath().toString());
		update(digest, System.getProperty("java.vm.version", ""));
		update(digest, String.join("\n", jvmArgs));
		Deque<String> entries = new ArrayDeque<>(List.of(classPath.split(File.pathSeparator)));
		Set<String> seen = new HashSet<>();
		while (!entries.isEmpty()) {
			String entry = entries.removeFirst();
			if (entry.isEmpty() || !seen.add(entry)) {
				continue;
			}
			Path path = Path.of(entry);
			BasicFileAttributes attributes;
			try {
				attributes = Files.readAttributes(path, BasicFileAttributes.class);
			}
			catch (IOException | RuntimeException ex) {
				if (entry.endsWith("*")) {
					return null; // the launcher expands a wildcard: its jars are not known here
				}
				update(digest, entry); // a missing entry, which the JVM skips too
				continue;
			}
			if (attributes.isDirectory()) {
				return null;
			}
			update(digest, entry + "\n" + attributes.size() + "\n" + attributes.lastModifiedTime().toMillis());
			// The JVM checks the jars a manifest names as well (an extracted Spring Boot
			// jar names all its libraries), right after the jar that names them.
			List<String> named = manifestClassPath(path);
			for (int i = named.size() - 1; i >= 0; i--) {
				entries.addFirst(named.get(i));
			}
		}
		String name = "worker-" + HexFormat.of().formatHex(digest.digest(), 0, 12) + ".jsa";
		return new ClassDataArchive(directory.toAbsolutePath().resolve(name));
	}

	/**
	 * Return whether a worker flag sets class-data sharing itself, which the JVM would
	 * refuse together with the archive's flags (a worker would not start).
	 * @param jvmArg one of the pool's {@code jvm-args}
	 * @return {@code true} if it conflicts with a {@code class-data-directory}
	 */
	static boolean conflicts(String jvmArg) {
		return jvmArg.startsWith("-Xshare:") || jvmArg.startsWith("-XX:SharedArchiveFile")
				|| jvmArg.startsWith("-XX:ArchiveClassesAtExit") || jvmArg.contains("AutoCreateSharedArchive")
				|| jvmArg.startsWith("-XX:AOTCache") || jvmArg.startsWith("-XX:AOTMode")
				|| jvmArg.startsWith("-XX:SharedClassListFile") || jvmArg.startsWith("-XX:+DumpSharedSpaces");
	}

	/**
	 * Return the flags of a worker about to start, and claim the writing of the archive
	 * if there is none yet and no other worker writes it.
	 * @param workerId the worker's id
	 * @return the flags: read the archive, write it, or none
	 */
	Flags flags(int workerId) {
		if (Files.isRegularFile(this.archive)) {
			return new Flags(List.of("-XX:SharedArchiveFile=" + this.archive), null);
		}
		if (!this.writing.compareAndSet(false, true)) {
			return new Flags(List.of(), null);
		}
		try {
			Files.createDirectories(this.archive.getParent());
		}
		catch (IOException ex) {
			this.writing.set(false);
			logger.log(Level.WARNING, "Could not create the class-data directory " + this.archive.getParent()
					+ "; workers start without an archive", ex);
			return new Flags(List.of(), null);
		}
		Path pending = this.archive.resolveSibling(this.archive.getFileName() + "." + ProcessHandle.current().pid()
				+ "-" + workerId + ".tmp");
		return new Flags(List.of("-XX:ArchiveClassesAtExit=" + pending), pending);
	}

	/**
	 * Record that the worker that was to write the archive has exited: move its archive
	 * into place after a clean exit, discard it otherwise, and let another worker try.
	 * @param pending the file the worker was to write
	 * @param exitCode the worker's exit code
	 */
	void exited(Path pending, int exitCode) {
		try {
			if (exitCode == 0 && Files.isRegularFile(pending)) {
				move(pending);
			}
			else {
				Files.deleteIfExists(pending);
			}
		}
		catch (IOException ex) {
			logger.log(Level.WARNING, "Could not store the class-data archive " + this.archive, ex);
			try {
				Files.deleteIfExists(pending);
			}
			catch (IOException ignored) {
				// the warning above says enough
			}
		}
		finally {
			this.writing.set(false);
		}
	}

	private void move(Path pending) throws IOException {
		try {
			Files.move(pending, this.archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(pending, this.archive, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	Path path() {
		return this.archive;
	}

	static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

	/**
	 * Return the files a jar's manifest names in its {@code Class-Path}, resolved as the
	 * JDK resolves them: URLs relative to the jar's directory, those of another scheme
	 * left out. The manifest is read where jar tools store it, first in the jar, so a
	 * large jar is not indexed for it.
	 * @param jar a class path entry
	 * @return the named files, or none if the entry has no such manifest or is no jar
	 */
	static List<String> manifestClassPath(Path jar) {
		String classPath;
		try (JarInputStream in = new JarInputStream(new BufferedInputStream(Files.newInputStream(jar)), false)) {
			Manifest manifest = in.getManifest();
			classPath = (manifest != null) ? manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH) : null;
		}
		catch (IOException | RuntimeException ex) {
			return List.of(); // not a jar: the JVM finds no classes in it either
		}
		if (classPath == null || classPath.isBlank()) {
			return List.of();
		}
		URI base = jar.toAbsolutePath().getParent().toUri();
		List<String> files = new ArrayList<>();
		for (String element : classPath.trim().split("\\s+")) {
			try {
				URI resolved = base.resolve(new URI(element));
				if ("file".equals(resolved.getScheme())) {
					files.add(Path.of(resolved).toString());
				}
			}
			catch (URISyntaxException | IllegalArgumentException ex) {
				// the JDK skips an element that is no URL too
			}
		}
		return files;
	}

	private static void update(MessageDigest digest, String value) {
		digest.update(value.getBytes(StandardCharsets.UTF_8));
		digest.update((byte) 0);
	}

	/**
	 * The class-data flags of one worker.
	 * @param flags the flags to add to the worker's command line
	 * @param pending the file the worker writes the archive to, or {@code null} if it
	 * does not write it
	 */
	record Flags(List<String> flags, @Nullable Path pending) {
	}

}
