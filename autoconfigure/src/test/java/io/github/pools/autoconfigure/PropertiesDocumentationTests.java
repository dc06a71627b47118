package io.github.pools.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every configuration key has a description: IDEs take the text of keys under
 * {@code pools.thread.<name>.} and {@code pools.process.<name>.} from the javadoc of the
 * value classes, because Spring Boot's metadata cannot describe the keys of map values.
 * The descriptions follow Spring Boot's conventions.
 */
class PropertiesDocumentationTests {

	private static final Path SOURCES = Path.of("src/main/java/io/github/pools/autoconfigure");

	private static final Pattern FIELD = Pattern
		.compile("(/\\*\\*(?:(?!\\*/).)*\\*/\\s*)?(?:@\\w+(?:\\([^)]*\\))?\\s*)*private (?:final )?([\\w<>, .@]+?) (\\w+)( = [^;]+)?;", Pattern.DOTALL);

	@Test
	void everyPropertyHasAOneSentenceDescriptionInSpringBootStyle() throws IOException {
		List<String> problems = new ArrayList<>();
		List<Path> files;
		try (Stream<Path> all = Files.walk(SOURCES)) {
			files = all.filter((path) -> path.getFileName().toString().endsWith("Properties.java")).toList();
		}
		assertThat(files).as("properties classes").isNotEmpty();
		int fields = 0;
		for (Path file : files) {
			Matcher matcher = FIELD.matcher(Files.readString(file));
			while (matcher.find()) {
				fields++;
				String where = file.getFileName() + "#" + matcher.group(3);
				String javadoc = matcher.group(1);
				if (javadoc == null) {
					problems.add(where + " has no javadoc");
					continue;
				}
				String text = javadoc.replaceAll("(?m)^\\s*/?\\*+/?", " ").replaceAll("\\s+", " ").trim();
				if (text.startsWith("The ") || text.startsWith("A ")) {
					problems.add(where + " description starts with an article: " + text);
				}
				if (matcher.group(2).trim().equals("boolean") && !text.startsWith("Whether")) {
					problems.add(where + " boolean description does not start with 'Whether': " + text);
				}
				if (!text.endsWith(".")) {
					problems.add(where + " description is not a sentence: " + text);
				}
			}
		}
		assertThat(fields).as("fields found").isGreaterThan(10);
		assertThat(problems).isEmpty();
	}

}
