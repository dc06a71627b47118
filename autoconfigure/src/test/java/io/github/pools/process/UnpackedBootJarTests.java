package io.github.pools.process;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

import io.github.pools.SerializableCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a {@code class-data-directory}, workers of an executable Spring Boot jar start
 * from its nested jars unpacked once, in the order Boot's launcher gives them; a jar
 * that cannot be unpacked safely starts its workers through the launcher as before.
 */
@ExtendWith(NoWorkerLeftBehind.class)
class UnpackedBootJarTests {

	private static final Path JAVA = Path.of(Processes.javaExecutable());

	@TempDir
	Path directory;

	@Test
	void workersOfABootJarStartFromItsUnpackedJarsInTheLaunchersOrder() throws Exception {
		// The jar holds no launcher: started through it, no worker could start at all.
		Path jar = bootJar(List.of("second.jar", "first.jar"));
		Path classData = this.directory.resolve("cds");
		try (ProcessPoolManager pool = ProcessPoolManager.builder("boot")
			.maxSize(1)
			.classpath(jar.toString())
			.jvmArgs(List.of("-Xmx64m", "-XX:+UseSerialGC"))
			.classDataDirectory(classData)
			.build()) {
			pool.start();
			String classPath = pool.submit(null, property("java.class.path")).get(30, java.util.concurrent.TimeUnit.SECONDS);
			List<String> entries = List.of(classPath.split(File.pathSeparator));
			Path unpacked = Path.of(entries.get(0)).getParent();
			assertThat(unpacked.getParent()).isEqualTo(classData.toAbsolutePath());
			assertThat(entries).as("the classes, the jars the index leaves out, then the index's")
				.containsExactly(unpacked.resolve("classes.jar").toString(), unpacked.resolve("lib/tools.jar").toString(),
						unpacked.resolve("lib/second.jar").toString(), unpacked.resolve("lib/first.jar").toString());
			assertThat(pool.submit(null, resource("which.txt"))).as("a resource in two jars comes from the index's first")
				.succeedsWithin(Duration.ofSeconds(30))
				.isEqualTo("second");
			assertThat(pool.submit(null, packageUrls("io/github/pools/process/")))
				.as("package scanning finds the application's classes")
				.succeedsWithin(Duration.ofSeconds(30))
				.asString()
				.contains(unpacked.resolve("classes.jar") + "!/io/github/pools/process/");
		}
	}

	@Test
	void aBuildIsUnpackedOnceAndANewBuildAgain() throws Exception {
		Path jar = bootJar(List.of("first.jar", "second.jar"));
		Path classData = this.directory.resolve("cds");
		List<Path> classPath = UnpackedBootJar.unpack(jar, classData);
		Path unpacked = classPath.get(0).getParent();
		Path marker = Files.writeString(unpacked.resolve("marker"), "kept");
		assertThat(UnpackedBootJar.unpack(jar, classData)).isEqualTo(classPath);
		assertThat(marker).as("not unpacked again").exists();
		Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 2000));
		List<Path> rebuilt = UnpackedBootJar.unpack(jar, classData);
		assertThat(rebuilt.get(0).getParent()).isNotEqualTo(unpacked);
		assertThat(rebuilt.get(0).getParent().resolve("marker")).doesNotExist();
	}

	@Test
	void withoutAnIndexTheJarsOrderAndWithOneTheUnlistedJarsFirst() throws Exception {
		Path noIndex = bootJar(null);
		assertThat(fileNames(UnpackedBootJar.unpack(noIndex, this.directory.resolve("a"))))
			.containsExactly("classes.jar", "first.jar", "second.jar", "tools.jar");
		Path index = bootJar(List.of("first.jar"));
		assertThat(fileNames(UnpackedBootJar.unpack(index, this.directory.resolve("b"))))
			.as("as Boot's JarLauncher orders them")
			.containsExactly("classes.jar", "second.jar", "tools.jar", "first.jar");
	}

	@Test
	void anUnpackedJarWithAFileMissingIsUnpackedAgain() throws Exception {
		Path jar = bootJar(List.of("first.jar", "second.jar"));
		Path classData = this.directory.resolve("cds");
		List<Path> classPath = UnpackedBootJar.unpack(jar, classData);
		Files.delete(classPath.get(1));
		assertThat(UnpackedBootJar.unpack(jar, classData)).isEqualTo(classPath).allMatch(Files::isRegularFile);
		try (Stream<Path> files = Files.list(classData)) {
			assertThat(files).as("the incomplete one removed").hasSize(1);
		}
	}

	@Test
	void aNewBuildWithTheSameSizeAndTimeIsUnpackedAgain() throws Exception {
		// Build tools that make images reproducible fix every file time.
		Path jar = this.directory.resolve("app.jar");
		writeStoredBootJar(jar, "build-1");
		FileTime fixed = FileTime.fromMillis(1000);
		Files.setLastModifiedTime(jar, fixed);
		Path classData = this.directory.resolve("cds");
		Path first = UnpackedBootJar.unpack(jar, classData).get(0).getParent();
		long size = Files.size(jar);
		writeStoredBootJar(jar, "build-2");
		Files.setLastModifiedTime(jar, fixed);
		assertThat(Files.size(jar)).isEqualTo(size);
		assertThat(UnpackedBootJar.unpack(jar, classData).get(0).getParent()).isNotEqualTo(first);
	}

	@Test
	void twoPoolsUnpackingAtOnceAgreeAndLeaveNoTemporaryDirectory() throws Exception {
		Path jar = bootJar(List.of("first.jar", "second.jar"));
		Path classData = this.directory.resolve("cds");
		CyclicBarrier together = new CyclicBarrier(2);
		List<CompletableFuture<List<Path>>> unpacks = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			unpacks.add(CompletableFuture.supplyAsync(() -> {
				try {
					together.await();
					return UnpackedBootJar.unpack(jar, classData);
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}));
		}
		assertThat(unpacks.get(0).get()).isEqualTo(unpacks.get(1).get());
		try (Stream<Path> files = Files.list(classData)) {
			assertThat(files).singleElement().satisfies((file) -> assertThat(file.getFileName().toString()).matches("boot-[0-9a-f]{24}"));
		}
	}

	@Test
	void temporaryDirectoriesOldEnoughToBeAbandonedAreRemovedWhateverTheirJar() throws Exception {
		Path classData = Files.createDirectories(this.directory.resolve("cds"));
		Path abandoned = Files.createDirectories(classData.resolve("boot-0123456789abcdef01234567.4242.1.tmp"));
		Files.writeString(abandoned.resolve("classes.jar"), "half written");
		Files.setLastModifiedTime(abandoned,
				FileTime.from(Instant.now().minus(UnpackedBootJar.ABANDONED_AFTER).minusSeconds(60)));
		Path recent = Files.createDirectories(classData.resolve("boot-0123456789abcdef01234567.4243.1.tmp"));
		Path unpacked = UnpackedBootJar.unpack(bootJar(List.of("first.jar")), classData).get(0).getParent();
		assertThat(abandoned).doesNotExist();
		assertThat(recent).as("perhaps another process unpacking now").exists();
		assertThat(unpacked.resolve("classpath.txt")).exists();
	}

	@Test
	void aNestedJarOrClassThatWouldLandOutsideTheDirectoryLeavesTheLauncherInCharge() throws Exception {
		for (String entry : List.of("BOOT-INF/lib/../../escaped.jar", "BOOT-INF/lib/a" + File.pathSeparator + "b.jar",
				"BOOT-INF/classes/../../escaped.class")) {
			Path jar = this.directory.resolve("evil-" + Math.abs(entry.hashCode()) + ".jar");
			try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
				ProjectJar.add(out, "META-INF/MANIFEST.MF",
						"Manifest-Version: 1.0\nMain-Class: org.springframework.boot.loader.launch.JarLauncher\n"
							.getBytes(StandardCharsets.UTF_8));
				ProjectJar.add(out, "BOOT-INF/lib/first.jar", ProjectJar.jarOf(Map.of("which.txt", "first")));
				ProjectJar.add(out, entry, new byte[] { 1 });
			}
			Path classData = this.directory.resolve("cds-" + Math.abs(entry.hashCode()));
			WorkerCommand command = WorkerCommand.create(JAVA, List.of(), jar.toString(), "");
			assertThat(command.bootLauncherClass()).isNotNull();
			WorkerCommand started = UnpackedBootJar.startFrom(command, classData);
			assertThat(started).as(entry).isSameAs(command);
			// A nested jar unpacked by name would have landed in classData itself.
			try (Stream<Path> files = Files.list(classData)) {
				assertThat(files).as("nothing left behind for %s", entry).isEmpty();
			}
		}
	}

	@Test
	void aPlainClassPathIsLeftAsItIs() throws Exception {
		Path jar = ProjectJar.write(this.directory.resolve("app.jar"));
		WorkerCommand command = WorkerCommand.create(JAVA, List.of(), jar.toString(), "");
		assertThat(UnpackedBootJar.startFrom(command, this.directory.resolve("cds"))).isSameAs(command);
		assertThat(this.directory.resolve("cds")).doesNotExist();
	}

	/** Nested jars first.jar and second.jar (both with which.txt) and tools.jar, in that order. */
	private Path bootJar(List<String> index) throws IOException {
		Map<String, byte[]> libraries = new LinkedHashMap<>();
		libraries.put("first.jar", ProjectJar.jarOf(Map.of("which.txt", "first")));
		libraries.put("second.jar", ProjectJar.jarOf(Map.of("which.txt", "second")));
		libraries.put("tools.jar", ProjectJar.jarOf(Map.of("tools.txt", "tools")));
		return ProjectJar.writeBootJar(Files.createTempFile(this.directory, "app-", ".jar"), libraries, index);
	}

	private static SerializableCallable<String> property(String name) {
		return () -> System.getProperty(name);
	}

	private static SerializableCallable<String> resource(String name) {
		return () -> {
			try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
		};
	}

	private static SerializableCallable<String> packageUrls(String name) {
		return () -> Collections.list(Thread.currentThread().getContextClassLoader().getResources(name)).toString();
	}

	/** A Boot jar whose entries are stored, so its size depends only on its contents' lengths. */
	private static void writeStoredBootJar(Path jar, String content) throws IOException {
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
			stored(out, "META-INF/MANIFEST.MF",
					"Manifest-Version: 1.0\nMain-Class: org.springframework.boot.loader.launch.JarLauncher\n");
			stored(out, "BOOT-INF/classes/build.txt", content);
		}
	}

	private static void stored(JarOutputStream out, String name, String content) throws IOException {
		byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
		CRC32 crc = new CRC32();
		crc.update(bytes);
		JarEntry entry = new JarEntry(name);
		entry.setMethod(ZipEntry.STORED);
		entry.setSize(bytes.length);
		entry.setCompressedSize(bytes.length);
		entry.setCrc(crc.getValue());
		entry.setTime(1000);
		out.putNextEntry(entry);
		out.write(bytes);
		out.closeEntry();
	}

	private static List<String> fileNames(List<Path> classPath) {
		return classPath.stream().map((path) -> path.getFileName().toString()).toList();
	}

}
