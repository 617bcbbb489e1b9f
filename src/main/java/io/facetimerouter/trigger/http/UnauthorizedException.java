package io.facetimerouter.trigger.http;

/** A request without valid credentials: answered 401 with the message. */
public class UnauthorizedException extends RuntimeException {

    public UnauthorizedException() {
        this("Missing or invalid API key: send Authorization: Bearer <key>");
    }

    public UnauthorizedException(String message) {
        super(message);
    }
}
