package io.facetimerouter.call;

public enum CallStatus {
    LINK_CREATED,
    NOT_FACETIME_CAPABLE,
    REJECTED,
    FAILED
}
