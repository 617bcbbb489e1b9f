package io.facetimerouter.call;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A request to call a contact on FaceTime, as triggers receive it.
 *
 * @param requestId optional client-chosen id; the same id never causes a second provider call
 * @param handle    E.164 phone number or email address of the contact
 * @param provider  {@code auto} (default), {@code blooio} or {@code sendblue}
 * @param metadata  small string map, returned unchanged in the outcome
 * @param channels  {@code notify} in JSON: notification channels for the outcome, by name; the configured
 *                  default set when absent
 */
public record CallRequest(String requestId, String handle, String provider, Map<String, String> metadata,
                          @JsonProperty("notify") List<String> channels) {
}
