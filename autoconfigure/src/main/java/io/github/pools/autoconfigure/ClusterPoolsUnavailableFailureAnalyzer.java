package io.github.pools.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link ClusterPoolsUnavailableException}: what to add to the build.
 */
class ClusterPoolsUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<ClusterPoolsUnavailableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ClusterPoolsUnavailableException cause) {
		return new FailureAnalysis("A cluster pool is configured under '" + cause.getProperty()
				+ "', but Hazelcast, which runs cluster pools, is not on the class path.",
				"Add the dependency com.hazelcast:hazelcast to the application (Spring Boot manages its version, "
						+ "so none is needed), or remove '" + cause.getProperty() + "'.",
				cause);
	}

}
