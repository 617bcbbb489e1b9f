package io.facetimerouter.provider;

/** A provider answered with a success status but a body that does not follow its contract. */
public class MalformedProviderResponseException extends RuntimeException {

    private final int httpStatus;

    public MalformedProviderResponseException(int httpStatus, String detail) {
        super(detail);
        this.httpStatus = httpStatus;
    }

    public int getHttpStatus() {
        return httpStatus;
    }
}
