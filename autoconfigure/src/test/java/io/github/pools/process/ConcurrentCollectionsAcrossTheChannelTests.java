package io.github.pools.process;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.github.pools.process.ProcessPoolManagerTests.result;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JDK's concurrent collections and atomic values pass the default allow-list in both
 * directions, with the lock classes some of them serialize.
 */
@ExtendWith(NoWorkerLeftBehind.class)
class ConcurrentCollectionsAcrossTheChannelTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Test
	void concurrentCollectionsAndAtomicValuesCrossAsArgumentsAndAsResults() {
		try (ProcessPoolManager pool = ProcessPoolManager.builder("concurrent-values").maxSize(1).build()) {
			pool.start();
			List<String> failures = new ArrayList<>();
			for (String name : Samples.NAMES) {
				Object argument = Samples.make(name);
				String expected = Samples.describe(argument);
				try {
					// The argument crosses to the worker, which checks it and returns its own.
					Object returned = result(pool.submit(null, () -> {
						if (!Samples.describe(argument).equals(Samples.describe(Samples.make(name)))) {
							throw new IllegalStateException("argument arrived as " + Samples.describe(argument));
						}
						return (Serializable) Samples.make(name);
					}));
					assertThat(Samples.describe(returned)).as(name).isEqualTo(expected);
				}
				catch (AssertionError ex) {
					failures.add(name + ": " + ex.getMessage());
				}
			}
			assertThat(failures).isEmpty();
		}
	}

	/**
	 * One value of each type, the same in the application and in the worker.
	 */
	static final class Samples {

		static final List<String> NAMES = List.of("ConcurrentHashMap", "ConcurrentHashMap.newKeySet",
				"LinkedBlockingQueue", "ArrayBlockingQueue", "ArrayBlockingQueue(fair)", "LinkedBlockingDeque",
				"PriorityBlockingQueue", "ConcurrentLinkedQueue", "ConcurrentLinkedDeque", "LinkedTransferQueue",
				"SynchronousQueue", "CopyOnWriteArrayList", "CopyOnWriteArraySet", "ConcurrentSkipListMap",
				"ConcurrentSkipListSet", "Semaphore", "TimeUnit", "AtomicInteger", "AtomicLong", "AtomicBoolean",
				"AtomicReference", "AtomicIntegerArray", "AtomicLongArray", "AtomicReferenceArray", "LongAdder",
				"DoubleAdder");

		private Samples() {
		}

		static Object make(String name) {
			List<Integer> items = List.of(3, 1, 2);
			return switch (name) {
				case "ConcurrentHashMap" -> new ConcurrentHashMap<>(Map.of("a", 1));
				case "ConcurrentHashMap.newKeySet" -> {
					Set<String> set = ConcurrentHashMap.newKeySet();
					set.add("a");
					yield set;
				}
				case "LinkedBlockingQueue" -> new LinkedBlockingQueue<>(items);
				case "ArrayBlockingQueue" -> new ArrayBlockingQueue<>(4, false, items);
				case "ArrayBlockingQueue(fair)" -> new ArrayBlockingQueue<>(4, true, items);
				case "LinkedBlockingDeque" -> new LinkedBlockingDeque<>(items);
				case "PriorityBlockingQueue" -> new PriorityBlockingQueue<>(items);
				case "ConcurrentLinkedQueue" -> new ConcurrentLinkedQueue<>(items);
				case "ConcurrentLinkedDeque" -> new ConcurrentLinkedDeque<>(items);
				case "LinkedTransferQueue" -> new LinkedTransferQueue<>(items);
				case "SynchronousQueue" -> new SynchronousQueue<>();
				case "CopyOnWriteArrayList" -> new CopyOnWriteArrayList<>(items);
				case "CopyOnWriteArraySet" -> new CopyOnWriteArraySet<>(items);
				case "ConcurrentSkipListMap" -> new ConcurrentSkipListMap<>(Map.of(1, "one"));
				case "ConcurrentSkipListSet" -> new ConcurrentSkipListSet<>(items);
				case "Semaphore" -> new Semaphore(2);
				case "TimeUnit" -> TimeUnit.SECONDS;
				case "AtomicInteger" -> new AtomicInteger(7);
				case "AtomicLong" -> new AtomicLong(7);
				case "AtomicBoolean" -> new AtomicBoolean(true);
				case "AtomicReference" -> new AtomicReference<>("x");
				case "AtomicIntegerArray" -> new AtomicIntegerArray(new int[] { 1, 2 });
				case "AtomicLongArray" -> new AtomicLongArray(new long[] { 1, 2 });
				case "AtomicReferenceArray" -> new AtomicReferenceArray<>(new String[] { "x", "y" });
				case "LongAdder" -> {
					LongAdder adder = new LongAdder();
					adder.add(7);
					yield adder;
				}
				case "DoubleAdder" -> {
					DoubleAdder adder = new DoubleAdder();
					adder.add(7.5);
					yield adder;
				}
				default -> throw new IllegalArgumentException(name);
			};
		}

		static String describe(Object value) {
			if (value instanceof Semaphore semaphore) { // its toString holds an identity hash
				return "Semaphore with " + semaphore.availablePermits() + " permits";
			}
			return value.getClass().getName() + "=" + value;
		}

	}

}
