package io.github.pools;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a pool is built or resized with a setting that breaks a rule, for
 * example a maximum size below the core size. The pool is not built, or not changed.
 * Settings are named as in configuration ({@code max-size}, {@code keep-alive}), so
 * the message reads the same whether the value came from code or from
 * {@code application.yml}.
 */
public class InvalidPoolSettingException extends IllegalArgumentException {

	private final String poolName;

	private final String setting;

	private final @Nullable Object value;

	private final String rule;

	/**
	 * Create a new instance.
	 * @param poolName the pool the setting belongs to
	 * @param setting the setting, in configuration form, for example {@code max-size}
	 * @param value the rejected value
	 * @param rule the rule it breaks, for example {@code must be at least 1}
	 */
	public InvalidPoolSettingException(String poolName, String setting, @Nullable Object value, String rule) {
		super("Invalid setting '" + setting + "' of pool '" + poolName + "': " + value + " " + rule);
		this.poolName = poolName;
		this.setting = setting;
		this.value = value;
		this.rule = rule;
	}

	/**
	 * Return the pool the setting belongs to.
	 * @return the pool name
	 */
	public String getPoolName() {
		return this.poolName;
	}

	/**
	 * Return the setting in configuration form, for example {@code max-size}.
	 * @return the setting
	 */
	public String getSetting() {
		return this.setting;
	}

	/**
	 * Return the rejected value.
	 * @return the value, possibly {@code null}
	 */
	public @Nullable Object getValue() {
		return this.value;
	}

	/**
	 * Return the rule the value breaks, for example {@code must be at least 1}.
	 * @return the rule
	 */
	public String getRule() {
		return this.rule;
	}

}
