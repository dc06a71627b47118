package io.github.pools.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link PoolConfigurationException} in the format of Spring Boot's own
 * binding failures: the property, its value, where it was set, and the rule.
 */
class PoolConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<PoolConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, PoolConfigurationException cause) {
		StringBuilder description = new StringBuilder("Invalid pool configuration:\n");
		description.append("\n    Property: ").append(cause.getProperty());
		description.append("\n    Value: \"").append(cause.getValue()).append('"');
		if (cause.getOrigin() != null) {
			description.append("\n    Origin: ").append(cause.getOrigin());
		}
		description.append("\n    Reason: ").append(cause.getReason());
		return new FailureAnalysis(description.toString(),
				"Update '" + cause.getProperty() + "' in your application's configuration.", cause);
	}

}
