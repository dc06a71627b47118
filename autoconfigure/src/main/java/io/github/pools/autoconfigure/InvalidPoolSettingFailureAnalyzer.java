package io.github.pools.autoconfigure;

import io.github.pools.InvalidPoolSettingException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidPoolSettingException} raised while a pool bean is built,
 * typically by a customizer bean that set an invalid value in code.
 */
class InvalidPoolSettingFailureAnalyzer extends AbstractFailureAnalyzer<InvalidPoolSettingException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidPoolSettingException cause) {
		String description = "Pool '" + cause.getPoolName() + "' cannot be built:\n\n    Setting: "
				+ cause.getSetting() + "\n    Value: \"" + cause.getValue() + "\"\n    Reason: " + cause.getRule();
		return new FailureAnalysis(description, "Change the '" + cause.getSetting() + "' of pool '"
				+ cause.getPoolName() + "' in its configuration or in the customizer that sets it.", cause);
	}

}
