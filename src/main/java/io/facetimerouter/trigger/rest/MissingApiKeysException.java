package io.facetimerouter.trigger.rest;

import io.facetimerouter.config.ConfigurationProblem;

/** Live mode without API keys would leave the HTTP API open to anyone, so start-up stops. */
public class MissingApiKeysException extends ConfigurationProblem {

    public MissingApiKeysException() {
        super("ROUTER_API_KEYS is not set: live mode needs at least one API key for the HTTP API",
                "Set ROUTER_API_KEYS to one or more comma-separated keys (for example a random 32-byte hex string), "
                        + "or remove every provider credential to run in sandbox mode.");
    }
}
