package io.github.pools.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.util.ClassUtils;

/**
 * Micrometer's context-propagation library, an optional dependency: the decorator that
 * captures the submitter's context (thread-locals registered with the library, the
 * current observation) and restores it around the task, as Spring Boot's
 * {@code spring.task.execution.propagate-context} does. Only this class names the
 * decorator, and only once the library is known to be present.
 */
final class ContextPropagation {

	private static final String CONTEXT_SNAPSHOT_FACTORY = "io.micrometer.context.ContextSnapshotFactory";

	private ContextPropagation() {
	}

	/**
	 * Return whether the library is on the class path.
	 * @param classLoader the application's class loader
	 * @return {@code true} if context can be propagated
	 */
	static boolean isAvailable(@Nullable ClassLoader classLoader) {
		return ClassUtils.isPresent(CONTEXT_SNAPSHOT_FACTORY, classLoader);
	}

	/**
	 * Return a decorator that propagates the submitter's context; call only if
	 * {@link #isAvailable(ClassLoader) available}.
	 * @return the decorator
	 */
	static TaskDecorator decorator() {
		return new ContextPropagatingTaskDecorator();
	}

	/**
	 * Return whether the given decorator already propagates context.
	 * @param decorator one of the application's decorators
	 * @return {@code true} if it is Spring's context-propagating decorator
	 */
	static boolean propagates(TaskDecorator decorator) {
		return decorator instanceof ContextPropagatingTaskDecorator;
	}

}
