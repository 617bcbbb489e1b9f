package io.facetimerouter.ledger;

/** A request id arrived again with a different handle: it cannot be answered with the stored outcome. */
public class IdempotencyConflictException extends RuntimeException {

    public IdempotencyConflictException(String requestId) {
        super("Request id " + requestId + " was already used for a different handle");
    }
}
