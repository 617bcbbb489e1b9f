package io.facetimerouter.security;

/** Live mode never runs with a default credential: start-up stops and says which setting is missing. */
public class MissingSecretException extends RuntimeException {

    private final String action;

    public MissingSecretException(String description, String action) {
        super(description);
        this.action = action;
    }

    public String getAction() {
        return action;
    }
}
