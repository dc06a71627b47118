package io.github.pools.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests the configuration metadata the jar ships for IDEs: the configuration processor's
 * output merged with {@code additional-spring-configuration-metadata.json}. The metadata
 * format cannot describe the keys of a map's values, so the description of each map
 * lists them; IDEs that resolve the value type complete them from the javadoc.
 */
class ConfigurationMetadataTests {

	@Test
	void everyKindsMapListsEveryKeyOfAPool() throws IOException {
		DocumentContext metadata = metadata();
		assertThat(description(metadata, "pools.thread")).contains(PoolKeys.threadPoolKeys());
		assertThat(description(metadata, "pools.process")).contains(PoolKeys.processPoolKeys());
		assertThat(description(metadata, "pools.cluster")).contains(PoolKeys.clusterPoolKeys());
		assertThat(PoolKeys.clusterPoolKeys()).contains("threads-per-member", "durable", "task-timeout",
				"allowed-classes", "shutdown.await-termination-period");
		assertThat(PoolKeys.threadPoolKeys()).contains("rejection-policy", "propagate-context",
				"shutdown.await-termination-period", "metrics.task-timers");
	}

	@Test
	void healthAndEndpointPropertiesArePresent() throws IOException {
		DocumentContext metadata = metadata();
		Map<String, Object> health = property(metadata, "management.health.pools.enabled");
		assertThat(health).containsEntry("type", "java.lang.Boolean").containsEntry("defaultValue", true);
		assertThat(property(metadata, "management.endpoint.pools.access")).containsEntry("type",
				"org.springframework.boot.actuate.endpoint.Access");
	}

	@Test
	void removedResizeEnabledPointsToTheEndpointAccessProperty() throws IOException {
		Map<String, Object> resize = property(metadata(), "pools.management.resize-enabled");
		assertThat(resize).extracting("deprecation")
			.isEqualTo(Map.of("level", "error", "reason",
					"The pools endpoint follows Spring Boot's endpoint access model.", "replacement",
					"management.endpoint.pools.access"));
	}

	private static String description(DocumentContext metadata, String name) {
		return (String) property(metadata, name).get("description");
	}

	private static Map<String, Object> property(DocumentContext metadata, String name) {
		List<Map<String, Object>> found = metadata.read("$.properties[?(@.name == '" + name + "')]");
		assertThat(found).as("metadata of %s", name).hasSize(1);
		return found.get(0);
	}

	private static DocumentContext metadata() throws IOException {
		Path json = Path.of("target/classes/META-INF/spring-configuration-metadata.json");
		assertThat(json).as("the generated metadata").isRegularFile();
		try (InputStream input = Files.newInputStream(json)) {
			return JsonPath.parse(input);
		}
	}

}
