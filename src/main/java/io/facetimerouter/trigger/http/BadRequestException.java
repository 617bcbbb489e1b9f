package io.facetimerouter.trigger.http;

/** A request that cannot be served as sent: answered 400 with its code and message, since a retry would not help. */
public class BadRequestException extends RuntimeException {

    private final String code;

    public BadRequestException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
