package io.facetimerouter.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a secret live mode cannot run without into Spring Boot's plain "APPLICATION FAILED TO START" report. */
class MissingSecretFailureAnalyzer extends AbstractFailureAnalyzer<MissingSecretException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingSecretException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
    }
}
