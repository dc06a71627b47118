package io.github.pools.benchmarks;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.github.pools.SerializableCallable;
import io.github.pools.SerializableFunction;
import io.github.pools.internal.RemoteChunk;
import io.github.pools.process.channel.FrameBuffer;
import io.github.pools.process.channel.ObjectCodec;
import io.github.pools.process.channel.ObjectFilters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The serialization a process-pool task costs on each side, in one JVM: the task a user
 * writes ({@code int x = i; () -> x}) and its boxed result, and a {@code map} chunk of
 * 1,000 boxed items with a capturing function. Where the process benchmarks' time goes
 * when it is not the pipe.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class CodecBenchmark {

	private final ObjectCodec codec = new ObjectCodec(ObjectFilters.of(List.of(), 64 << 20, 100));

	private final ClassLoader loader = CodecBenchmark.class.getClassLoader();

	private final FrameBuffer buffer = new FrameBuffer(4096);

	private int next;

	private byte[] task;

	private byte[] result;

	private byte[] chunk;

	@Setup
	public void setUp() throws IOException {
		this.task = bytes(task(42));
		this.result = bytes(Integer.valueOf(42));
		this.chunk = bytes(chunk(7));
	}

	private static SerializableCallable<Integer> task(int i) {
		int x = i;
		return () -> x;
	}

	/** A chunk as {@code map} sends it: the function and an array of the items. */
	@SuppressWarnings("unchecked")
	private static RemoteChunk chunk(int offset) {
		SerializableFunction<Integer, Integer> function = (Integer v) -> v + offset;
		Object[] items = IntStream.range(0, 1000).boxed().toArray();
		return new RemoteChunk((SerializableFunction<Object, Object>) (SerializableFunction<?, ?>) function, items,
				function);
	}

	private byte[] bytes(Object value) throws IOException {
		this.buffer.reset();
		ObjectCodec.write(this.buffer, value);
		return this.buffer.payload();
	}

	@Benchmark
	public int writeTask() throws IOException {
		this.buffer.reset();
		ObjectCodec.write(this.buffer, task(++this.next));
		return this.buffer.payloadSize();
	}

	@Benchmark
	public Object readTask() throws Exception {
		return this.codec.read(this.task, 0, this.task.length, this.loader);
	}

	@Benchmark
	public int writeResult() throws IOException {
		this.buffer.reset();
		ObjectCodec.write(this.buffer, Integer.valueOf(++this.next));
		return this.buffer.payloadSize();
	}

	@Benchmark
	public Object readResult() throws Exception {
		return this.codec.read(this.result, 0, this.result.length, this.loader);
	}

	@Benchmark
	public Object readChunk() throws Exception {
		return this.codec.read(this.chunk, 0, this.chunk.length, this.loader);
	}

	@Benchmark
	public int writeChunk() throws IOException {
		this.buffer.reset();
		ObjectCodec.write(this.buffer, chunk(++this.next));
		return this.buffer.payloadSize();
	}

}
