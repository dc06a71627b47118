package io.github.pools.process.channel;

import java.io.ObjectInputFilter;
import java.io.ObjectInputFilter.Status;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The allow-list's own pattern matcher answers exactly what the JDK's pattern filter
 * answers, for every form of pattern, so an allow-list means the same whichever reads it.
 */
class ClassPatternsTests {

	private static final List<String> PATTERNS = List.of("java.lang.*", "java.**", "java.time.**", "java.util.*",
			"java.util.HashMap*", "!java.util.HashMap$Node", "java.util.HashMap$Node", "java.base/java.lang.*",
			"java.base/*", "java.sql/*", "java.sql/java.sql.Date", "*", "!*", "java.lang.String", "!java.lang.String",
			"io.github.pools.**", "io.github.pools.process.channel.*", "io.github.pools.process.*",
			"java.util.*;!java.util.HashMap", "!java.util.HashMap;java.util.*", "java.util.Hash*", "java.util",
			"java.util.concurrent.atomic.*", "java.util.concurrent.*", "jav*", "!java.time.chrono.**;java.time.**",
			"com.example.**;" + ObjectFilters.DEFAULT_PATTERNS + ";!*");

	private static final List<String> CLASSES = List.of("java.lang.String", "java.lang.Integer", "java.lang.Object",
			"java.util.HashMap", "java.util.HashMap$Node", "java.util.HashSet", "java.util.Map$Entry",
			"java.util.concurrent.ConcurrentHashMap", "java.util.concurrent.atomic.AtomicLong",
			"java.time.LocalDate", "java.time.chrono.IsoChronology", "java.sql.Date", "java.math.BigDecimal",
			"java.lang.invoke.SerializedLambda", "io.github.pools.process.channel.ClassPatternsTests",
			"io.github.pools.process.channel.ClassPatternsTests$Nested", "io.github.pools.process.ProcessTask",
			"[I", "[[J", "[Ljava.lang.String;", "[[Ljava.util.HashMap$Node;", "[Lio.github.pools.process.ProcessTask;",
			"java.lang.IllegalStateException");

	@Test
	void everyPatternDecidesEveryClassAsTheJdksFilterDoes() throws Exception {
		List<String> compared = new ArrayList<>();
		for (String pattern : PATTERNS) {
			ObjectInputFilter jdk = ObjectInputFilter.Config.createFilter(pattern);
			ClassPatterns ours = ClassPatterns.parse(pattern);
			for (String className : CLASSES) {
				Class<?> type = Class.forName(className);
				Status expected = jdk.checkInput(new ObjectFilters.ClassOnly(type));
				assertThat(ours.decide(type)).as("'%s' deciding %s", pattern, className).isEqualTo(expected);
				compared.add(expected.name());
			}
		}
		assertThat(compared).as("the table exercises every answer")
			.contains(Status.ALLOWED.name(), Status.REJECTED.name(), Status.UNDECIDED.name());
	}

	@Test
	void malformedPatternsAreRefusedLikeTheJdkRefusesThem() {
		for (String pattern : List.of("/java.lang.String", "!/java.lang.*", ".*", ".**", "!", "java.base/",
				"!java.base/", "java.base/.*")) {
			assertThatIllegalArgumentException().as(pattern)
				.isThrownBy(() -> ObjectInputFilter.Config.createFilter(pattern));
			assertThatIllegalArgumentException().as(pattern).isThrownBy(() -> ClassPatterns.parse(pattern));
		}
	}

	@Test
	void limitsAreRefusedSinceTheChannelAppliesItsOwn() {
		assertThatIllegalArgumentException().isThrownBy(() -> ClassPatterns.parse("maxdepth=3;java.lang.*"))
			.withMessageContaining("maxdepth=3")
			.withMessageContaining("max-object-depth");
	}

	@Test
	void thePoolsPatternsComeBeforeTheDefaultsAndEverythingElseIsRefused() {
		ObjectFilters filters = ObjectFilters.of(List.of("!java.util.HashMap", "com.example.**"), 1 << 20, 10);
		ClassPatterns patterns = ClassPatterns.parse(filters.spec());
		assertThat(patterns.decide(java.util.HashMap.class)).isEqualTo(Status.REJECTED);
		assertThat(patterns.decide(java.util.ArrayList.class)).isEqualTo(Status.ALLOWED);
		assertThat(patterns.decide(java.net.URL.class)).isEqualTo(Status.REJECTED);
		assertThat(patterns.decide(int[].class)).as("arrays of primitives are left to the limits")
			.isEqualTo(Status.UNDECIDED);
	}

	static final class Nested {

	}

}
