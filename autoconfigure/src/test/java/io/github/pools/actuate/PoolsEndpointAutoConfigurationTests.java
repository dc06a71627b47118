package io.github.pools.actuate;

import io.github.pools.PoolRegistry;
import io.github.pools.autoconfigure.PoolsAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PoolsEndpointAutoConfiguration}.
 */
class PoolsEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PoolsAutoConfiguration.class, PoolsEndpointAutoConfiguration.class))
		.withPropertyValues("pools.thread.io.max-size=1");

	@Test
	void exposedEndpointHasItsWebExtension() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=pools").run((context) -> {
			assertThat(context).hasSingleBean(PoolsEndpoint.class).hasSingleBean(PoolsEndpointWebExtension.class);
			assertThat(context.getBean(PoolsEndpoint.class).pools().pools()).containsOnlyKeys("io");
		});
	}

	@Test
	void endpointExposedOnlyOverJmxHasNoWebExtension() {
		this.contextRunner
			.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=pools")
			.run((context) -> assertThat(context).hasSingleBean(PoolsEndpoint.class)
				.doesNotHaveBean(PoolsEndpointWebExtension.class));
	}

	@Test
	void endpointThatIsNotExposedIsNotCreated() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(PoolsEndpoint.class)
			.doesNotHaveBean(PoolsEndpointWebExtension.class));
	}

	@Test
	void endpointWithoutAccessIsNotCreated() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=pools",
					"management.endpoint.pools.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(PoolsEndpoint.class));
	}

	@Test
	void userEndpointBeanReplacesTheDefault() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=pools")
			.withBean("myPoolsEndpoint", PoolsEndpoint.class,
					() -> new PoolsEndpoint(new io.github.pools.DefaultPoolRegistry()))
			.run((context) -> assertThat(context).hasSingleBean(PoolsEndpoint.class)
				.hasBean("myPoolsEndpoint")
				.hasSingleBean(PoolsEndpointWebExtension.class));
	}

	@Test
	void withoutActuatorTheStarterStillWorks() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=pools")
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(PoolRegistry.class)
				.doesNotHaveBean(PoolsEndpoint.class));
	}

}
