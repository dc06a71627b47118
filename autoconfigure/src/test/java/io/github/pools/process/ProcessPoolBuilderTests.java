package io.github.pools.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.github.pools.InvalidPoolSettingException;
import io.github.pools.PoolState;
import io.github.pools.SerializableRunnable;
import io.github.pools.TaskSerializationException;
import io.github.pools.autoconfigure.PoolsAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Settings are checked before a pool is built, and refused by their configuration name.
 */
class ProcessPoolBuilderTests {

	private static ProcessPoolManager.Builder builder() {
		return ProcessPoolManager.builder("checked");
	}

	private static void assertInvalid(ProcessPoolManager.Builder builder, String setting) {
		assertThatExceptionOfType(InvalidPoolSettingException.class).isThrownBy(builder::build)
			.satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo(setting))
			.satisfies((ex) -> assertThat(ex.getPoolName()).isEqualTo("checked"));
	}

	@Test
	void defaultsMakeAValidPoolThatStartsNoWorker() {
		ProcessPoolManager pool = builder().build();
		assertThat(pool.state()).isEqualTo(PoolState.NEW);
		assertThat(pool.stats().maxSize()).isEqualTo(Runtime.getRuntime().availableProcessors());
		assertThat(pool.stats().coreSize()).isEqualTo(pool.stats().maxSize());
		assertThat(pool.stats().queueCapacity()).isEqualTo(ProcessPoolManager.Builder.DEFAULT_QUEUE_CAPACITY);
		pool.close();
		assertThat(pool.isTerminated()).isTrue();
	}

	@Test
	void sizesAreChecked() {
		assertInvalid(builder().maxSize(0), "max-size");
		assertInvalid(builder().coreSize(3).maxSize(2), "max-size");
		assertInvalid(builder().coreSize(-1), "core-size");
		assertInvalid(builder().queueCapacity(0), "queue-capacity");
	}

	@Test
	void durationsAreChecked() {
		assertInvalid(builder().taskTimeout(Duration.ZERO), "task-timeout");
		assertInvalid(builder().idleTimeout(Duration.ofSeconds(-1)), "idle-timeout");
		assertInvalid(builder().startTimeout(Duration.ZERO), "start-timeout");
		assertInvalid(builder().awaitTerminationPeriod(Duration.ofSeconds(-1)), "shutdown.await-termination-period");
		assertInvalid(builder().maxTasksPerWorker(-1), "max-tasks-per-worker");
	}

	@Test
	void jvmArgsThatWouldWriteToTheChannelAreRefused() {
		assertInvalid(builder().jvmArgs(List.of("-verbose:gc")), "jvm-args");
		assertInvalid(builder().jvmArgs(List.of("-Xlog:gc")), "jvm-args");
		assertInvalid(builder().jvmArgs(List.of("-Xlog:gc:stdout")), "jvm-args");
		assertInvalid(builder().jvmArgs(List.of("-version")), "jvm-args");
		assertInvalid(builder().jvmArgs(List.of("-cp")), "jvm-args");
		assertInvalid(builder().jvmArgs(List.of(" ")), "jvm-args");
		assertInvalid(builder().jvmArgs(List.of("-XX:StartFlightRecording=filename=w.jfr", "settings=profile")),
				"jvm-args");
		assertThatNoException().isThrownBy(
				() -> builder().jvmArgs(List.of("-Xlog:gc:stderr", "-Xlog:gc*:file=gc.log", "-Xlog:disable",
						"-Xlog:gc=off,safepoint=off", "@worker-flags.txt")).build());
		assertInvalid(builder().jvmArgs(List.of("-Xlog:gc=off,safepoint")), "jvm-args");
	}

	@Test
	void allowListPatternsAreChecked() {
		assertInvalid(builder().allowedClasses(List.of("com.example.*;java.net.*")), "allowed-classes");
		assertInvalid(builder().allowedClasses(List.of("maxdepth=5")), "allowed-classes");
		assertInvalid(builder().allowedClasses(List.of("")), "allowed-classes");
		assertThatNoException().isThrownBy(
				() -> builder().allowedClasses(List.of("com.example.**", "!com.example.Secret", "java.net.URI")).build());
	}

	@Test
	void limitsAreChecked() {
		assertInvalid(builder().maxMessageSize(100), "max-message-size");
		assertInvalid(builder().maxObjectDepth(0), "max-object-depth");
	}

	@Test
	void launchSettingsAreChecked() {
		assertInvalid(builder().javaExecutable(Path.of("/nonexistent/bin/java")), "java-executable");
		assertInvalid(builder().classpath(" "), "classpath");
		assertInvalid(builder().environment(java.util.Map.of("A=B", "c")), "environment");
	}

	@Test
	void classDataDirectoryRefusesJvmArgsThatSetClassSharingThemselves() {
		Path directory = Path.of("cds");
		assertInvalid(builder().classDataDirectory(directory).jvmArgs(List.of("-Xmx64m", "-Xshare:off")),
				"class-data-directory");
		assertInvalid(builder().classDataDirectory(directory).jvmArgs(List.of("-XX:SharedArchiveFile=app.jsa")),
				"class-data-directory");
		assertThat(builder().classDataDirectory(directory).jvmArgs(List.of("-Xmx64m")).build().state())
			.isEqualTo(PoolState.NEW);
		assertThat(builder().jvmArgs(List.of("-Xshare:off")).build().state()).as("without the directory")
			.isEqualTo(PoolState.NEW);
	}

	@Test
	void initializerMustBeSerializable() {
		Object notSerializable = new Object();
		SerializableRunnable initializer = () -> notSerializable.hashCode();
		assertInvalid(builder().initializer(initializer), "initializer");
	}

	@Test
	void nonDaemonPoolHasAShutdownHookUnlessTurnedOff() {
		assertThat(startedHasHook(builder())).isTrue();
		assertThat(startedHasHook(builder().daemon(true))).isFalse();
		assertThat(startedHasHook(builder().shutdownHook(false))).isFalse();
		assertThat(startedHasHook(builder().daemon(true).shutdownHook(true))).isTrue();
	}

	@Test
	void poolConfiguredInSpringHasNoShutdownHookOfItsOwn() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PoolsAutoConfiguration.class))
			.withPropertyValues("pools.process.configured.max-size=1")
			.run((context) -> {
				ProcessPoolManager pool = context.getBean("configured", ProcessPoolManager.class);
				assertThat(pool.state()).isEqualTo(PoolState.RUNNING);
				// The context closes it, after the web server: a hook of its own would close
				// it at once on SIGTERM, refusing requests still in flight.
				assertThat(pool.hasShutdownHook()).isFalse();
			});
	}

	/** Start a pool (no worker starts without a task) and see whether it has a hook. */
	private static boolean startedHasHook(ProcessPoolManager.Builder builder) {
		try (ProcessPoolManager pool = builder.build()) {
			pool.start();
			boolean hook = pool.hasShutdownHook();
			pool.close();
			assertThat(pool.hasShutdownHook()).isFalse();
			return hook;
		}
	}

	@Test
	void initializerAndTaskLargerThanMaxMessageSizeAreRefusedAlike() {
		byte[] large = new byte[8192];
		SerializableRunnable initializer = () -> large.clone();
		assertThatExceptionOfType(InvalidPoolSettingException.class)
			.isThrownBy(() -> builder().maxMessageSize(4096).initializer(initializer).build())
			.satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo("initializer"))
			.withMessageContaining("bytes serialized, more than max-message-size (4096 bytes)");
		try (ProcessPoolManager pool = builder().maxMessageSize(4096).build()) {
			pool.start();
			assertThatExceptionOfType(TaskSerializationException.class)
				.isThrownBy(() -> pool.submit(null, () -> large.length))
				.withMessageStartingWith("Task for pool 'checked' is ")
				.withMessageEndingWith("bytes serialized, more than max-message-size (4096 bytes)");
			assertThat(pool.stats().workers()).isZero();
		}
	}

	@Test
	void blankTaskTypeIsRefused() {
		assertInvalid(builder().taskType(" "), "task-type");
	}

}
