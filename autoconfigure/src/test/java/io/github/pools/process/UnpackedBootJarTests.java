package io.github.pools.process;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

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
			assertThat(entries).containsExactly(unpacked.resolve("classes.jar").toString(),
					unpacked.resolve("lib/second.jar").toString(), unpacked.resolve("lib/first.jar").toString());
			assertThat(pool.submit(null, resource("which.txt"))).as("a resource in two jars comes from the index's first")
				.succeedsWithin(Duration.ofSeconds(30))
				.isEqualTo("second");
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
	void withoutAnIndexEveryNestedJarInTheJarsOrderAndWithOneOnlyTheListedOnes() throws Exception {
		Path noIndex = bootJar(null);
		assertThat(fileNames(UnpackedBootJar.unpack(noIndex, this.directory.resolve("a"))))
			.containsExactly("classes.jar", "first.jar", "second.jar", "tools.jar");
		Path index = bootJar(List.of("first.jar"));
		assertThat(fileNames(UnpackedBootJar.unpack(index, this.directory.resolve("b"))))
			.as("Boot leaves its tools jar out of the index, and out of the class path")
			.containsExactly("classes.jar", "first.jar");
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
	void temporaryDirectoryOfAProcessThatDiedWhileUnpackingIsRemoved() throws Exception {
		Path jar = bootJar(List.of("first.jar"));
		Path classData = this.directory.resolve("cds");
		Path unpacked = UnpackedBootJar.unpack(jar, classData).get(0).getParent();
		deleteTree(unpacked);
		long deadPid = deadPid();
		Path abandoned = Files.createDirectories(unpacked.resolveSibling(unpacked.getFileName() + "." + deadPid + ".1.tmp"));
		Files.writeString(abandoned.resolve("classes.jar"), "half written");
		Path ours = Files.createDirectories(
				unpacked.resolveSibling(unpacked.getFileName() + "." + ProcessHandle.current().pid() + ".99.tmp"));
		UnpackedBootJar.unpack(jar, classData);
		assertThat(abandoned).doesNotExist();
		assertThat(ours).as("a live process's unpacking is left alone").exists();
		assertThat(unpacked.resolve("classpath.txt")).exists();
	}

	@Test
	void aNestedJarOrClassThatWouldLandOutsideTheDirectoryLeavesTheLauncherInCharge() throws Exception {
		for (String entry : List.of("BOOT-INF/lib/../../escaped.jar", "BOOT-INF/classes/../../escaped.class")) {
			Path jar = this.directory.resolve("evil-" + Math.abs(entry.hashCode()) + ".jar");
			ProjectJar.writeBootJar(jar, Map.of("first.jar", ProjectJar.jarOf(Map.of("which.txt", "first"))), null);
			try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
				ProjectJar.add(out, "META-INF/MANIFEST.MF",
						"Manifest-Version: 1.0\nMain-Class: org.springframework.boot.loader.launch.JarLauncher\n"
							.getBytes(StandardCharsets.UTF_8));
				ProjectJar.add(out, entry, new byte[] { 1 });
			}
			Path classData = this.directory.resolve("cds-" + Math.abs(entry.hashCode()));
			WorkerCommand command = WorkerCommand.create(JAVA, List.of(), jar.toString(), "");
			assertThat(command.bootLauncherClass()).isNotNull();
			WorkerCommand started = UnpackedBootJar.startFrom(command, classData);
			assertThat(started).as(entry).isSameAs(command);
			try (Stream<Path> files = Files.list(classData)) {
				assertThat(files).as("nothing left behind for %s", entry).isEmpty();
			}
			assertThat(this.directory.resolve("escaped.jar")).doesNotExist();
			assertThat(this.directory.resolve("escaped.class")).doesNotExist();
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

	private static List<String> fileNames(List<Path> classPath) {
		return classPath.stream().map((path) -> path.getFileName().toString()).toList();
	}

	private static long deadPid() {
		long pid = 4_000_000;
		while (ProcessHandle.of(pid).isPresent()) {
			pid++;
		}
		return pid;
	}

	private static void deleteTree(Path root) throws IOException {
		try (Stream<Path> files = Files.walk(root)) {
			for (Path file : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
				Files.delete(file);
			}
		}
	}

}
