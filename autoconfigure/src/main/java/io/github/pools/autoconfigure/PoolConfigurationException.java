package io.github.pools.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.origin.Origin;

/**
 * Thrown at startup when the {@code pools.*} configuration breaks a rule: a value out
 * of range, or a pool name that is taken. Explained by
 * {@link PoolConfigurationFailureAnalyzer}.
 */
public class PoolConfigurationException extends RuntimeException {

	private final String property;

	private final @Nullable Object value;

	private final String reason;

	private final @Nullable Origin origin;

	/**
	 * Create a new instance.
	 * @param property the full property name, for example {@code pools.thread.io.max-size}
	 * @param value the offending value
	 * @param reason the rule it breaks
	 * @param origin where the value was set, if known
	 * @param cause the underlying exception, or {@code null}
	 */
	public PoolConfigurationException(String property, @Nullable Object value, String reason,
			@Nullable Origin origin, @Nullable Throwable cause) {
		super("Invalid pool configuration '" + property + "': " + value + " " + reason, cause);
		this.property = property;
		this.value = value;
		this.reason = reason;
		this.origin = origin;
	}

	/**
	 * Return the full property name.
	 * @return the property, for example {@code pools.thread.io.max-size}
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * Return the offending value.
	 * @return the value
	 */
	public @Nullable Object getValue() {
		return this.value;
	}

	/**
	 * Return the rule the value breaks.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

	/**
	 * Return where the value was set.
	 * @return the origin, or {@code null} if unknown
	 */
	public @Nullable Origin getOrigin() {
		return this.origin;
	}

}
