package io.github.pools.internal;

import java.time.Duration;

import io.github.pools.InvalidPoolSettingException;
import org.jspecify.annotations.Nullable;

/**
 * The validation rules shared by both pool kinds, so that code, configuration and
 * runtime resizing reject the same values with the same words.
 */
public final class SettingRules {

	private SettingRules() {
	}

	/**
	 * Require a pool name that is not blank.
	 * @param name the name
	 * @return the name
	 */
	public static String name(@Nullable String name) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("Pool name must not be blank");
		}
		return name;
	}

	/**
	 * Require a task type that is either absent or not blank.
	 * @param pool the pool name
	 * @param taskType the task type
	 * @return the task type
	 */
	public static @Nullable String taskType(String pool, @Nullable String taskType) {
		if (taskType != null && taskType.isBlank()) {
			throw new InvalidPoolSettingException(pool, "task-type", "'" + taskType + "'",
					"must not be blank; leave it unset for a pool that accepts every task");
		}
		return taskType;
	}

	/**
	 * Require core and maximum sizes that make sense together.
	 * @param pool the pool name
	 * @param coreSize the core size
	 * @param maxSize the maximum size
	 */
	public static void sizes(String pool, int coreSize, int maxSize) {
		atLeast(pool, "max-size", maxSize, 1);
		atLeast(pool, "core-size", coreSize, 0);
		if (maxSize < coreSize) {
			throw new InvalidPoolSettingException(pool, "max-size", maxSize,
					"must be at least core-size (" + coreSize + ")");
		}
	}

	/**
	 * Require a number to be at least a minimum.
	 * @param pool the pool name
	 * @param setting the setting
	 * @param value the value
	 * @param minimum the smallest allowed value
	 * @return the value
	 */
	public static int atLeast(String pool, String setting, int value, int minimum) {
		if (value < minimum) {
			throw new InvalidPoolSettingException(pool, setting, value, "must be at least " + minimum);
		}
		return value;
	}

	/**
	 * Require a duration longer than zero.
	 * @param pool the pool name
	 * @param setting the setting
	 * @param value the duration
	 * @return the duration
	 */
	public static Duration positive(String pool, String setting, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new InvalidPoolSettingException(pool, setting, value, "must be longer than zero");
		}
		return value;
	}

	/**
	 * Require a duration that is not negative.
	 * @param pool the pool name
	 * @param setting the setting
	 * @param value the duration
	 * @return the duration
	 */
	public static Duration notNegative(String pool, String setting, Duration value) {
		if (value.isNegative()) {
			throw new InvalidPoolSettingException(pool, setting, value, "must not be negative");
		}
		return value;
	}

}
