package io.facetimerouter.resilience;

/** A provider or subscriber answered with a success status but a body that does not follow its contract. */
public class MalformedResponseException extends RuntimeException {

    private final int httpStatus;

    public MalformedResponseException(int httpStatus, String detail) {
        super(detail);
        this.httpStatus = httpStatus;
    }

    public int getHttpStatus() {
        return httpStatus;
    }
}
