package io.github.pools.process;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;

import com.example.app.ExampleApplication;
import io.github.pools.TaskSerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user reads when a class is refused by the deserialization allow-list: the fix,
 * ready to paste into {@code allowed-classes}.
 */
@ExtendWith(NoWorkerLeftBehind.class)
class AllowListMessagesTests {

	@Test
	void refusedLambdaNamesItsDeclaringClassAndPackage() {
		try (ProcessPoolManager pool = ProcessPoolManager.builder("lambdas").maxSize(1).build()) {
			pool.start();
			assertThat(pool.submit(null, ExampleApplication.shout("hi"))).failsWithin(Duration.ofSeconds(30))
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(TaskSerializationException.class)
				.withMessageContaining("class com.example.app.ExampleApplication is not in the deserialization "
						+ "allow-list; add 'com.example.app.**'")
				.withMessageNotContaining("$$Lambda");
		}
	}

	@Test
	void lambdaOfAnAllowedClassNamesThePackageNotItsGeneratedClass() {
		try (ProcessPoolManager pool = ProcessPoolManager.builder("lambdas")
			.maxSize(1)
			.allowedClasses(List.of("com.example.app.ExampleApplication"))
			.build()) {
			pool.start();
			assertThat(pool.submit(null, ExampleApplication.shout("hi"))).failsWithin(Duration.ofSeconds(30))
				.withThrowableOfType(ExecutionException.class)
				.withMessageContaining("lambda declared in class com.example.app.ExampleApplication is not in the "
						+ "deserialization allow-list; add 'com.example.app.**' to the pool's allowed-classes")
				.withMessageNotContaining("$$Lambda$");
		}
	}

	@Test
	void followingTheAdviceLetsTheLambdaThrough() {
		try (ProcessPoolManager pool = ProcessPoolManager.builder("lambdas")
			.maxSize(1)
			.allowedClasses(List.of("com.example.app.**"))
			.build()) {
			pool.start();
			assertThat(pool.submit(null, ExampleApplication.shout("hi"))).succeedsWithin(Duration.ofSeconds(30))
				.isEqualTo("HI");
		}
	}

	@Test
	void refusedClassNamesItsPackageAndItself() {
		try (ProcessPoolManager pool = ProcessPoolManager.builder("classes").maxSize(1).build()) {
			pool.start();
			assertThat(pool.submit(null, new ExampleApplication.RenderTask("x"))).failsWithin(Duration.ofSeconds(30))
				.withThrowableOfType(ExecutionException.class)
				.withMessageContaining("class com.example.app.ExampleApplication$RenderTask is not in the "
						+ "deserialization allow-list; add 'com.example.app.**' or "
						+ "'com.example.app.ExampleApplication$RenderTask' to the pool's allowed-classes");
		}
	}

}
