package io.facetimerouter.campaign;

/** An audience that cannot be read as a whole (no handle column, broken quoting, a line too long): answered 400. */
public class InvalidAudienceException extends RuntimeException {

    public InvalidAudienceException(String message) {
        super(message);
    }
}
