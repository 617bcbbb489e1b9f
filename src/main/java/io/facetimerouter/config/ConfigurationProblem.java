package io.facetimerouter.config;

/**
 * Configuration the service cannot start with (a missing secret in live mode, an invalid campaign):
 * start-up stops with Spring Boot's plain "APPLICATION FAILED TO START" report, saying what is wrong
 * and what to do.
 */
public class ConfigurationProblem extends RuntimeException {

    private final String action;

    public ConfigurationProblem(String description, String action) {
        super(description);
        this.action = action;
    }

    public String getAction() {
        return action;
    }
}
