package io.facetimerouter.call;

import java.time.Instant;

/**
 * One HTTP request made to a provider to start a call.
 *
 * @param httpStatus the response status, or null when no response arrived
 * @param error      what went wrong, or null for a usable answer
 */
public record ProviderAttempt(String provider, Integer httpStatus, String error, Instant at) {
}
