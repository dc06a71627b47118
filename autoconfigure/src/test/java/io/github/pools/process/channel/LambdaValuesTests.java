package io.github.pools.process.channel;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.util.List;
import java.util.concurrent.Callable;

import io.github.pools.SerializableCallable;
import io.github.pools.SerializableRunnable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tasks that capture small values cross without object streams, recreated as Java
 * serialization would, through the same allow-list; anything else still goes through
 * Java serialization, and no bytes make the reader fail other than with an
 * {@link IOException} or a missing class.
 */
class LambdaValuesTests {

	private static final List<String> THIS_PACKAGE = List.of("io.github.pools.process.channel.**");

	private final ObjectCodec codec = new ObjectCodec(ObjectFilters.of(THIS_PACKAGE, 64 << 20, 100));

	@Test
	void lambdaCapturingSmallValuesCrossesInTheLambdaFormAndComputesTheSame() throws Exception {
		int count = 3;
		long big = Long.MAX_VALUE;
		String text = "héllo";
		Double nothing = null;
		SerializableCallable<String> task = () -> text + count + big + nothing + true;
		byte[] bytes = bytes(task);
		assertThat(bytes[0]).isEqualTo(LambdaValues.TAG);
		assertThat(((Callable<?>) read(this.codec, bytes)).call()).isEqualTo(task.call());
		assertThat(bytes.length).as("smaller than its Java serialization").isLessThan(javaSerialized(task).length);
	}

	@Test
	void eachInstanceCarriesItsOwnCapturedValues() throws Exception {
		for (int i = 0; i < 5; i++) {
			int value = i;
			SerializableCallable<Integer> task = () -> value * 10;
			assertThat(((Callable<?>) read(this.codec, bytes(task))).call()).isEqualTo(i * 10);
		}
		SerializableCallable<Integer> other = () -> 99;
		assertThat(((Callable<?>) read(this.codec, bytes(other))).call()).as("a second lambda after the first")
			.isEqualTo(99);
	}

	@Test
	void methodReferencesAndRunnablesCrossToo() throws Exception {
		SerializableCallable<Integer> reference = LambdaValuesTests::answer;
		assertThat(bytes(reference)[0]).isEqualTo(LambdaValues.TAG);
		assertThat(((Callable<?>) read(this.codec, bytes(reference))).call()).isEqualTo(42);
		SerializableRunnable runnable = () -> answer();
		assertThat(read(this.codec, bytes(runnable))).isInstanceOf(Runnable.class);
	}

	@Test
	void lambdaCapturingOtherObjectsGoesThroughJavaSerialization() throws Exception {
		List<Integer> list = List.of(1, 2);
		SerializableCallable<Integer> task = () -> list.size();
		byte[] bytes = bytes(task);
		assertThat(bytes[0]).isEqualTo((byte) 0xAC);
		assertThat(((Callable<?>) read(this.codec, bytes)).call()).isEqualTo(2);
	}

	@Test
	void capturingClassOutsideTheAllowListIsRefusedAsByJavaSerialization() throws Exception {
		ObjectCodec denying = new ObjectCodec(
				ObjectFilters.of(List.of("!" + LambdaValuesTests.class.getName()), 64 << 20, 100));
		int value = 1;
		SerializableCallable<Integer> task = () -> value;
		assertThatExceptionOfType(ObjectRefusedException.class).isThrownBy(() -> read(denying, bytes(task)))
			.withMessageContaining(LambdaValuesTests.class.getName())
			.withMessageContaining("allowed-classes");
	}

	@Test
	void patternsOnTheLambdaClassApplyInBothFormsAlike() throws Exception {
		// This package is allowed by default; the capturing class stays allowed, its lambdas not.
		String name = LambdaValuesTests.class.getName();
		ObjectCodec exact = new ObjectCodec(ObjectFilters.of(List.of(name, "!" + name + "$$Lambda*"), 64 << 20, 100));
		int value = 1;
		List<Integer> list = List.of(1);
		SerializableCallable<Integer> compact = () -> value;
		SerializableCallable<Integer> serialized = () -> list.size() + value;
		assertThat(bytes(compact)[0]).isEqualTo(LambdaValues.TAG);
		assertThat(bytes(serialized)[0]).isEqualTo((byte) 0xAC);
		for (SerializableCallable<Integer> task : List.of(compact, serialized)) {
			assertThatExceptionOfType(ObjectRefusedException.class).isThrownBy(() -> read(exact, bytes(task)))
				.withMessageContaining("lambda declared in class " + name);
		}
	}

	@Test
	void capturedValueOfAClassThePoolDeniesIsRefused() throws Exception {
		ObjectCodec denying = new ObjectCodec(ObjectFilters.of(List.of("!java.lang.Long", THIS_PACKAGE.get(0)),
				64 << 20, 100));
		long value = 1;
		SerializableCallable<Long> task = () -> value;
		assertThatExceptionOfType(ObjectRefusedException.class).isThrownBy(() -> read(denying, bytes(task)))
			.withMessageContaining("java.lang.Long");
	}

	@Test
	void everyTruncationOrTrailingByteIsAnIOExceptionAndNoFlippedByteBreaksTheReader() throws Exception {
		int value = 5;
		String text = "ab";
		ChannelBytes.assertDamageFailsCleanly(this.codec, bytes((SerializableCallable<String>) () -> text + value));
		ChannelBytes.assertDamageFailsCleanly(this.codec, bytes((SerializableCallable<Integer>) () -> value));
	}

	@Test
	void lambdaNameThatItsClassDoesNotDeclareIsRefusedByItsClass() throws Exception {
		int value = 5;
		byte[] bytes = bytes((SerializableCallable<Integer>) () -> value);
		String original = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
		int implName = original.indexOf("lambda$");
		assertThat(implName).isPositive();
		bytes[implName] = 'X'; // names a method the capturing class has no lambda for
		assertThatExceptionOfType(InvalidObjectException.class).isThrownBy(() -> read(this.codec, bytes))
			.withMessageContaining("cannot recreate lambda Xambda$");
	}

	private static int answer() {
		return 42;
	}

	private static byte[] bytes(Object value) throws IOException {
		return ChannelBytes.of(value);
	}

	private static byte[] javaSerialized(Object value) throws IOException {
		FrameBuffer buffer = new FrameBuffer(64);
		java.io.ObjectOutputStream out = new CompactObjectOutputStream(buffer);
		out.writeObject(value);
		out.flush();
		return buffer.payload();
	}

	private static Object read(ObjectCodec codec, byte[] bytes) throws Exception {
		return ChannelBytes.read(codec, bytes);
	}

}
