package io.facetimerouter.provider;

/**
 * No provider could even be asked: every eligible one has its circuit open. Nothing was attempted,
 * so there is no outcome to store; the request is to be tried again once a provider recovers.
 */
public class ProvidersUnavailableException extends RuntimeException {

    public ProvidersUnavailableException(String message) {
        super(message);
    }
}
