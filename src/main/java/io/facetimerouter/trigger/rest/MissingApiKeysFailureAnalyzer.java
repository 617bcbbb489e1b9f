package io.facetimerouter.trigger.rest;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing ROUTER_API_KEYS into Spring Boot's plain "APPLICATION FAILED TO START" report. */
class MissingApiKeysFailureAnalyzer extends AbstractFailureAnalyzer<MissingApiKeysException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingApiKeysException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set ROUTER_API_KEYS to one or more comma-separated keys (for example a random 32-byte hex string), "
                        + "or remove every provider credential to run in sandbox mode.", cause);
    }
}
