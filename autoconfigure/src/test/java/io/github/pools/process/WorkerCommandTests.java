package io.github.pools.process;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line that starts a worker JVM, from a plain class path and from an
 * executable Spring Boot jar.
 */
@ExtendWith(NoWorkerLeftBehind.class)
class WorkerCommandTests {

	private static final Path JAVA = Path.of("/opt/jdk/bin/java");

	private static final String SEP = File.pathSeparator;

	@Test
	void plainClassPathIsMadeAbsolute() {
		Path cwd = Path.of("").toAbsolutePath();
		WorkerCommand command = WorkerCommand.create(JAVA, List.of("-Xmx64m"), null,
				"target/classes" + SEP + "/abs/lib.jar" + SEP + SEP + "lib/*");
		assertThat(command.command("render", 2)).containsExactly(JAVA.toString(), "-XX:+DisplayVMOutputToStderr",
				"-Xlog:disable", "-Xlog:all=warning:stderr", "-Xlog:jfr+startup=error:stderr", "-XX:+ExitOnOutOfMemoryError", "-Xmx64m",
				"-Dio.github.pools.worker=render#2", "-cp",
				cwd.resolve("target/classes") + SEP + "/abs/lib.jar" + SEP + cwd.resolve("lib") + File.separator + "*",
				WorkerCommand.WORKER_MAIN);
	}

	@Test
	void springBootJarStartsThroughPropertiesLauncher(@TempDir Path temp) throws IOException {
		Path jar = jar(temp.resolve("app.jar"), "org.springframework.boot.loader.launch.JarLauncher");
		WorkerCommand command = WorkerCommand.create(JAVA, List.of(), null, jar.toString());
		List<String> line = command.command("render", 1);
		assertThat(line.subList(line.size() - 4, line.size())).containsExactly("-cp", jar.toString(),
				"-Dloader.main=" + WorkerCommand.WORKER_MAIN, "org.springframework.boot.loader.launch.PropertiesLauncher");
	}

	@Test
	void relativeSpringBootJarIsMadeAbsolute(@TempDir Path temp) throws IOException {
		Path jar = jar(temp.resolve("app.jar"), "org.springframework.boot.loader.launch.JarLauncher");
		String relative = Path.of("").toAbsolutePath().relativize(jar).toString();
		List<String> line = WorkerCommand.create(JAVA, List.of(), null, relative).command("render", 1);
		assertThat(line).contains(jar.toString()).doesNotContain(relative);
	}

	@Test
	void classicSpringBootLoaderUsesItsOwnPropertiesLauncher(@TempDir Path temp) throws IOException {
		Path jar = jar(temp.resolve("app.jar"), "org.springframework.boot.loader.JarLauncher");
		assertThat(WorkerCommand.create(JAVA, List.of(), null, jar.toString()).command("p", 1))
			.endsWith("org.springframework.boot.loader.PropertiesLauncher");
	}

	@Test
	void ordinaryExecutableJarStartsTheWorkerDirectly(@TempDir Path temp) throws IOException {
		Path jar = jar(temp.resolve("app.jar"), "com.example.Application");
		assertThat(WorkerCommand.create(JAVA, List.of(), null, jar.toString()).command("p", 1))
			.endsWith("-cp", jar.toString(), WorkerCommand.WORKER_MAIN);
	}

	@Test
	void classPathSettingWinsOverSpringBootJar(@TempDir Path temp) throws IOException {
		Path jar = jar(temp.resolve("app.jar"), "org.springframework.boot.loader.launch.JarLauncher");
		Path classes = temp.resolve("classes");
		assertThat(WorkerCommand.create(JAVA, List.of(), classes.toString(), jar.toString()).command("p", 1))
			.endsWith("-cp", classes.toString(), WorkerCommand.WORKER_MAIN);
	}

	@Test
	void classPathSettingOfASpringBootJarStartsThroughPropertiesLauncher(@TempDir Path temp) throws IOException {
		Path jar = jar(temp.resolve("app.jar"), "org.springframework.boot.loader.launch.JarLauncher");
		assertThat(WorkerCommand.create(JAVA, List.of(), jar.toString(), "/somewhere/else.jar").command("p", 1))
			.endsWith("-cp", jar.toString(), "-Dloader.main=" + WorkerCommand.WORKER_MAIN,
					"org.springframework.boot.loader.launch.PropertiesLauncher");
	}

	@Test
	void longClassPathGoesIntoAnArgumentFile() throws IOException {
		WorkerCommand command = WorkerCommand.create(JAVA, List.of(), null, "/a/b.jar" + SEP + "/c d/e.jar", 10);
		List<String> line = command.command("p", 1);
		assertThat(line).doesNotContain("-cp");
		String argfile = line.stream().filter((arg) -> arg.startsWith("@")).findFirst().orElseThrow();
		assertThat(Files.readString(Path.of(argfile.substring(1))))
			.isEqualTo("-cp\n\"/a/b.jar" + SEP + "/c d/e.jar\"\n");
		assertThat(line).last().isEqualTo(WorkerCommand.WORKER_MAIN);
	}

	@Test
	void argumentFileEscapesQuotesAndBackslashes() {
		assertThat(WorkerCommand.argfileContent("C:\\lib\\a \"b\".jar"))
			.isEqualTo("-cp\n\"C:\\\\lib\\\\a \\\"b\\\".jar\"\n");
	}

	@Test
	void workerStartsFromAClassPathTooLongForOneArgument() {
		List<String> entries = new ArrayList<>(List.of(System.getProperty("java.class.path").split(SEP)));
		for (int i = 0; entries.toString().length() < 200_000; i++) {
			entries.add("/nonexistent/pools/padding/directory-" + i + "/with spaces/lib.jar");
		}
		try (ProcessPoolManager pool = ProcessPoolManager.builder("long-class-path")
			.maxSize(1)
			.classpath(String.join(SEP, entries))
			.build()) {
			pool.start();
			assertThat(pool.submit(null, () -> "started")).succeedsWithin(Duration.ofSeconds(30)).isEqualTo("started");
		}
	}

	@Test
	void environmentLosesTheApplicationsJavaOptionsAndGainsThePools() {
		Map<String, String> environment = new HashMap<>(Map.of("JAVA_TOOL_OPTIONS",
				"-agentlib:jdwp=transport=dt_socket,server=y,address=5005", "JDK_JAVA_OPTIONS", "-Xmx8g",
				"_JAVA_OPTIONS", "-Xmx8g", "PATH", "/usr/bin"));
		WorkerCommand.prepareEnvironment(environment, Map.of("MODE", "worker", "JDK_JAVA_OPTIONS", "-Xss2m"));
		assertThat(environment).containsOnly(Map.entry("PATH", "/usr/bin"), Map.entry("MODE", "worker"),
				Map.entry("JDK_JAVA_OPTIONS", "-Xss2m"));
	}

	@Test
	void descriptionShortensTheClassPath() {
		WorkerCommand command = WorkerCommand.create(JAVA, List.of("-Xmx64m"), null, "/a.jar" + SEP + "/b.jar");
		assertThat(command.describe()).isEqualTo(JAVA + " -Xmx64m -cp <2 entries> " + WorkerCommand.WORKER_MAIN);
	}

	private static Path jar(Path path, String mainClass) throws IOException {
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
		try (OutputStream out = Files.newOutputStream(path); JarOutputStream jar = new JarOutputStream(out, manifest)) {
			jar.flush();
		}
		return path;
	}

}
