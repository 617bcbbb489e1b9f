package io.facetimerouter.trigger.rest;

public class UnauthorizedException extends RuntimeException {

    public UnauthorizedException() {
        super("Missing or invalid API key: send Authorization: Bearer <key>");
    }
}
