package io.github.pools.sample;

import java.io.File;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the application built with Spring AOT ({@code process-aot}, part of the
 * build) runs from the generated code ({@code -Dspring.aot.enabled=true}), from the
 * executable jar and from a plain class path: thread and process pools alike, and pools
 * read from the configuration of the run, not of the build. Run by Failsafe in
 * {@code verify}.
 */
class AheadOfTimeIT {

	/** Arguments that differ from the build's configuration. */
	private static final String[] RUNTIME_CONFIGURATION = { "--pools.thread.requests.max-size=3",
			"--pools.thread.extra.max-size=1" };

	@Test
	void executableJarRunsInAotMode(@TempDir Path workingDirectory) throws Exception {
		Path jar = LaunchedApplication.jar();
		try (LaunchedApplication application = LaunchedApplication.start(workingDirectory,
				concat(new String[] { "-Dspring.aot.enabled=true", "-jar", jar.toString() }, RUNTIME_CONFIGURATION))) {
			assertServesFromGeneratedCode(application);
			HttpResponse<byte[]> rendered = application.getBytes("/render?width=64&height=48");
			assertThat(rendered.statusCode()).as("render; output:%n%s", application.output()).isEqualTo(200);
			assertThat(Workers.of(application, rendered).info().commandLine().orElse(""))
				.contains("org.springframework.boot.loader.launch.PropertiesLauncher");
			application.stopGracefully();
		}
	}

	@Test
	void plainClassPathRunsInAotMode(@TempDir Path workingDirectory) throws Exception {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		assertThat(classPath.split(File.pathSeparator)).anyMatch((entry) -> entry.endsWith("classes"));
		try (LaunchedApplication application = LaunchedApplication.start(workingDirectory,
				concat(new String[] { "-Dspring.aot.enabled=true", "-cp", classPath,
						SampleApplication.class.getName() }, RUNTIME_CONFIGURATION))) {
			assertServesFromGeneratedCode(application);
			HttpResponse<byte[]> rendered = application.getBytes("/render?width=64&height=48");
			assertThat(rendered.statusCode()).as("render; output:%n%s", application.output()).isEqualTo(200);
			// The worker gets the application's class path (the command line shown by the
			// operating system is cut short, so its start is compared).
			assertThat(Workers.of(application, rendered).info().commandLine().orElse(""))
				.contains("-cp " + classPath.split(File.pathSeparator)[0] + File.pathSeparator);
			application.stopGracefully();
		}
	}

	private static void assertServesFromGeneratedCode(LaunchedApplication application) throws Exception {
		assertThat(application.output()).contains("Starting AOT-processed SampleApplication");
		HttpResponse<String> hello = application.get("/hello");
		assertThat(hello.statusCode()).isEqualTo(200);
		assertThat(hello.body()).contains("Hello, world!").contains("requests-");
		HttpResponse<String> requests = application.get("/actuator/pools/requests");
		assertThat(requests.body()).as("max-size of the run, 4 in the build").contains("\"max\":3");
		HttpResponse<String> extra = application.get("/actuator/pools/extra");
		assertThat(extra.statusCode()).as("a pool configured only for the run").isEqualTo(200);
	}

	private static String[] concat(String[] first, String[] second) {
		String[] all = new String[first.length + second.length];
		System.arraycopy(first, 0, all, 0, first.length);
		System.arraycopy(second, 0, all, first.length, second.length);
		return all;
	}

}
