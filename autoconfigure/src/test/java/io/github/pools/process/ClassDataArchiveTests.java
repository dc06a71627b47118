package io.github.pools.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import io.github.pools.SerializableCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pool with a {@code class-data-directory} stores its workers' classes once and starts
 * later workers from them; an archive is never half written, never shared by two
 * builds, and never tried on a class path the JVM cannot archive.
 */
@ExtendWith(NoWorkerLeftBehind.class)
class ClassDataArchiveTests {

	private static final Path JAVA = Path.of(Processes.javaExecutable());

	@TempDir
	Path directory;

	@Test
	void laterWorkersLoadTheClassesTheFirstWorkerArchivedWhenItStopped() throws Exception {
		Path jar = ProjectJar.write(this.directory.resolve("app.jar"));
		Path archives = this.directory.resolve("cds");
		Path logs = Files.createDirectories(this.directory.resolve("logs"));
		// Each worker logs where its classes came from: the JVM names the archive as a source.
		List<String> jvmArgs = List.of("-Xmx64m", "-XX:+UseSerialGC",
				"-Xlog:class+load=info:file=" + logs.resolve("worker-%p.log"));
		runOneTask(jar, archives, jvmArgs);
		assertThat(archivesIn(archives)).as("stored by the time the pool has closed").hasSize(1);
		assertThat(linesOf(logs)).as("the first worker had no archive to read")
			.noneMatch((line) -> line.contains("shared objects file (top)"));
		assertThat(archivesIn(archives).get(0).getFileName().toString()).matches("worker-[0-9a-f]{24}\\.jsa");
		try (Stream<Path> files = Files.list(archives)) {
			assertThat(files).as("nothing but the archive").hasSize(1);
		}
		deleteAll(logs);
		runOneTask(jar, archives, jvmArgs);
		assertThat(linesOf(logs)).as("the second worker mapped the archive")
			.anyMatch((line) -> line.contains("io.github.pools.process.worker.WorkerMain")
					&& line.contains("shared objects file (top)"));
	}

	@Test
	void onlyOneWorkerWritesAndAFailedWriteLeavesNothingBehind() throws Exception {
		Path jar = Files.writeString(this.directory.resolve("a.jar"), "not really a jar");
		ClassDataArchive archive = ClassDataArchive.of(this.directory.resolve("cds"), JAVA, List.of(),
				jar.toString());
		assertThat(archive).isNotNull();
		ClassDataArchive.Flags writer = archive.flags(1);
		assertThat(writer.flags()).singleElement().asString().startsWith("-XX:ArchiveClassesAtExit=");
		assertThat(archive.flags(2).flags()).as("a second worker while the first writes").isEmpty();
		Files.writeString(writer.pending(), "half an archive");
		archive.exited(writer.pending(), 137);
		assertThat(writer.pending()).doesNotExist();
		assertThat(archive.path()).doesNotExist();
		ClassDataArchive.Flags retry = archive.flags(3);
		assertThat(retry.pending()).as("another worker may try once the first failed").isNotNull();
		Files.writeString(retry.pending(), "an archive");
		archive.exited(retry.pending(), 0);
		assertThat(archive.path()).hasContent("an archive");
		assertThat(archive.flags(4).flags()).containsExactly("-XX:SharedArchiveFile=" + archive.path());
	}

	@Test
	void aNewBuildOfAJarOrOtherFlagsGetsAnotherArchive() throws Exception {
		Path jar = Files.writeString(this.directory.resolve("a.jar"), "build 1");
		Path cds = this.directory.resolve("cds");
		Path first = ClassDataArchive.of(cds, JAVA, List.of(), jar.toString()).path();
		assertThat(ClassDataArchive.of(cds, JAVA, List.of(), jar.toString()).path()).isEqualTo(first);
		assertThat(ClassDataArchive.of(cds, JAVA, List.of("-Xmx1g"), jar.toString()).path()).isNotEqualTo(first);
		Files.writeString(jar, "build 2");
		Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 2000));
		assertThat(ClassDataArchive.of(cds, JAVA, List.of(), jar.toString()).path()).isNotEqualTo(first);
	}

	@Test
	void jarsNamedInAManifestClassPathArePartOfTheBuild() throws Exception {
		Path lib = Files.createDirectories(this.directory.resolve("app/lib"));
		Path library = Files.writeString(lib.resolve("library.jar"), "library 1");
		Path spaced = Files.writeString(lib.resolve("with space.jar"), "another library");
		Path jar = jarNaming(this.directory.resolve("app/app.jar"), "lib/library.jar lib/with%20space.jar");
		Path cds = this.directory.resolve("cds");
		Path first = ClassDataArchive.of(cds, JAVA, List.of(), jar.toString()).path();
		assertThat(ClassDataArchive.of(cds, JAVA, List.of(), jar.toString()).path()).isEqualTo(first);
		// A library replaced while the application's jar stays as it was, as the JVM sees it.
		Files.setLastModifiedTime(library, FileTime.fromMillis(Files.getLastModifiedTime(library).toMillis() + 2000));
		Path second = ClassDataArchive.of(cds, JAVA, List.of(), jar.toString()).path();
		assertThat(second).isNotEqualTo(first);
		Files.writeString(spaced, "another library, rebuilt");
		assertThat(ClassDataArchive.of(cds, JAVA, List.of(), jar.toString()).path()).isNotEqualTo(second);
	}

	@Test
	void manifestClassPathIsResolvedAsTheJdkResolvesIt() throws Exception {
		Path jar = jarNaming(this.directory.resolve("app.jar"),
				"lib/a.jar  ../b.jar http://example.com/c.jar with%20space.jar");
		assertThat(ClassDataArchive.manifestClassPath(jar)).containsExactly(
				this.directory.resolve("lib/a.jar").toString(), this.directory.getParent().resolve("b.jar").toString(),
				this.directory.resolve("with space.jar").toString());
		assertThat(ClassDataArchive.manifestClassPath(Files.writeString(this.directory.resolve("x.jar"), "no jar")))
			.isEmpty();
		assertThat(ClassDataArchive.manifestClassPath(this.directory.resolve("missing.jar"))).isEmpty();
	}

	@Test
	void aManifestClassPathNamingADirectoryHasNoArchive() throws Exception {
		Files.createDirectories(this.directory.resolve("classes"));
		Path jar = jarNaming(this.directory.resolve("app.jar"), "classes/");
		assertThat(ClassDataArchive.of(this.directory.resolve("cds"), JAVA, List.of(), jar.toString())).isNull();
	}

	@Test
	void classPathWithADirectoryOrAWildcardHasNoArchive() throws Exception {
		Path jar = Files.writeString(this.directory.resolve("a.jar"), "jar");
		Path classes = Files.createDirectories(this.directory.resolve("classes"));
		Path cds = this.directory.resolve("cds");
		assertThat(ClassDataArchive.of(cds, JAVA, List.of(), jar + java.io.File.pathSeparator + classes)).isNull();
		assertThat(ClassDataArchive.of(cds, JAVA, List.of(), this.directory.resolve("lib") + "/*")).isNull();
	}

	private static void runOneTask(Path jar, Path archives, List<String> jvmArgs) {
		try (ProcessPoolManager pool = ProcessPoolManager.builder("cds")
			.maxSize(1)
			.classpath(jar.toString())
			.jvmArgs(jvmArgs)
			.classDataDirectory(archives)
			.build()) {
			pool.start();
			assertThat(pool.submit(null, ClassDataArchiveTests.answer(20))).succeedsWithin(Duration.ofSeconds(30))
				.isEqualTo(42);
		}
	}

	/** Write an empty jar whose manifest names the given {@code Class-Path}. */
	private static Path jarNaming(Path jar, String classPath) throws IOException {
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
			out.putNextEntry(new JarEntry("app/Placeholder.txt"));
			out.write("a jar needs an entry".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}
		return jar;
	}

	private static SerializableCallable<Integer> answer(int half) {
		return () -> half * 2 + 2;
	}

	private static List<Path> archivesIn(Path directory) throws IOException {
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((file) -> file.toString().endsWith(".jsa")).toList();
		}
	}

	private static List<String> linesOf(Path logs) throws IOException {
		try (Stream<Path> files = Files.list(logs)) {
			return files.flatMap((file) -> {
				try {
					return Files.readAllLines(file).stream();
				}
				catch (IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			}).toList();
		}
	}

	private static void deleteAll(Path logs) throws IOException {
		try (Stream<Path> files = Files.list(logs)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				Files.delete(file);
			}
		}
	}

}
