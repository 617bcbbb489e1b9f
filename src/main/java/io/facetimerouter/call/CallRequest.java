package io.facetimerouter.call;

import java.util.Map;

/**
 * A request to call a contact on FaceTime, as triggers receive it.
 *
 * @param requestId optional client-chosen id; the same id never causes a second provider call
 * @param handle    E.164 phone number or email address of the contact
 * @param provider  {@code auto} (default), {@code blooio} or {@code sendblue}
 * @param metadata  small string map, returned unchanged in the outcome
 */
public record CallRequest(String requestId, String handle, String provider, Map<String, String> metadata) {
}
