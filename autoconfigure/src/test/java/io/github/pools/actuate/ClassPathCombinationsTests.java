package io.github.pools.actuate;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.List;

import io.github.pools.actuate.isolated.MicrometerOnlyApplication;
import io.github.pools.actuate.isolated.ObservedWithoutTracingApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of class-path combinations that a {@code FilteredClassLoader} cannot show: the
 * application runs in a class loader of its own, built from the test class path without
 * some jars, so that classes named in annotations are really absent.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClassPathCombinationsTests {

	@Test
	void micrometerWithoutBootsMetricsAutoConfigurationStartsWithoutWarnings(CapturedOutput output)
			throws Exception {
		String result = runWithout(MicrometerOnlyApplication.class.getName(), "spring-boot-micrometer-metrics",
				"org/springframework/boot/micrometer/metrics/autoconfigure/MetricsAutoConfiguration.class");
		assertThat(result).isEqualTo("ran");
		assertThat(output).doesNotContain("Failed to introspect").doesNotContain("TypeNotPresentException");
	}

	@Test
	void withoutContextPropagationThreadPoolTasksRun(CapturedOutput output) throws Exception {
		String result = runWithout(MicrometerOnlyApplication.class.getName(), "context-propagation",
				"io/micrometer/context/ContextSnapshotFactory.class");
		assertThat(result).isEqualTo("ran");
		assertThat(output).doesNotContain("NoClassDefFoundError");
	}

	@Test
	void withoutMicrometerTracingProcessTasksAreObservedWithoutATrace(CapturedOutput output) throws Exception {
		String result = runWithout(ObservedWithoutTracingApplication.class.getName(), "micrometer-tracing",
				"io/micrometer/tracing/handler/TracingObservationHandler.class");
		assertThat(result).isEqualTo("1 null [pools.process.task]");
		assertThat(output).doesNotContain("NoClassDefFoundError").doesNotContain("TypeNotPresentException");
	}

	/**
	 * Call {@code run()} of the given class in a class loader of the test class path
	 * without the jars whose file names start with the given artifact id, after checking
	 * that a class of that jar is indeed absent.
	 */
	private static String runWithout(String mainClass, String artifactId, String absentClass) throws Exception {
		List<URL> urls = Arrays.stream(testClassPath().split(File.pathSeparator))
			.filter((entry) -> !new File(entry).getName().startsWith(artifactId + "-"))
			.map(ClassPathCombinationsTests::url)
			.toList();
		assertThat(urls).hasSizeLessThan(testClassPath().split(File.pathSeparator).length);
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new),
				ClassLoader.getPlatformClassLoader())) {
			thread.setContextClassLoader(loader);
			assertThat(loader.getResource(absentClass)).isNull();
			return (String) loader.loadClass(mainClass).getMethod("run").invoke(null);
		}
		finally {
			thread.setContextClassLoader(previous);
		}
	}

	private static String testClassPath() {
		return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
	}

	private static URL url(String entry) {
		try {
			return new File(entry).toURI().toURL();
		}
		catch (MalformedURLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
