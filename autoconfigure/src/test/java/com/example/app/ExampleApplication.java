package com.example.app;

import java.io.Serializable;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/**
 * An application outside Pools' own packages, for tests of the deserialization
 * allow-list: its package is the application's auto-configuration package.
 */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class ExampleApplication {

	/**
	 * A result type of the application's own.
	 *
	 * @param text the text
	 * @param pid the worker's process id
	 */
	public record Rendered(String text, long pid) implements Serializable {

	}

	/**
	 * A task class of the application's own.
	 */
	public static final class RenderTask implements io.github.pools.SerializableCallable<Rendered> {

		private final String text;

		public RenderTask(String text) {
			this.text = text;
		}

		@Override
		public Rendered call() {
			return new Rendered(this.text.toUpperCase(), ProcessHandle.current().pid());
		}

	}

	/**
	 * Return a task written as a lambda declared in the application's package.
	 * @param text the text to shout
	 * @return the task
	 */
	public static io.github.pools.SerializableCallable<String> shout(String text) {
		return () -> text.toUpperCase();
	}

}
