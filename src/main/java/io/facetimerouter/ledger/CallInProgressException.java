package io.facetimerouter.ledger;

/** A request id is being processed right now; its outcome is not known yet. */
public class CallInProgressException extends RuntimeException {

    public CallInProgressException(String requestId) {
        super("Request id " + requestId + " is being processed; ask again for its outcome shortly");
    }
}
