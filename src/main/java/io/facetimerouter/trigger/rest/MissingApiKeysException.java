package io.facetimerouter.trigger.rest;

/** Live mode without API keys would leave the HTTP API open to anyone, so start-up stops. */
public class MissingApiKeysException extends RuntimeException {

    public MissingApiKeysException() {
        super("ROUTER_API_KEYS is not set: live mode needs at least one API key for the HTTP API");
    }
}
