package io.facetimerouter.provider;

import io.facetimerouter.call.Handle;
import org.apache.camel.Exchange;

/**
 * A provider adapter: everything vendor-specific about starting a call and looking up a contact's
 * capabilities. {@link ProviderRoutes} wraps each adapter in the same routes (circuit breaker,
 * retries, attempt recording), so an adapter only turns a call into an HTTP request and a response
 * back into a result.
 *
 * <p>Adapters find the call in the {@link io.facetimerouter.call.CallContext#PROPERTY} exchange
 * property, prepare the message for the adapter's endpoint URI, and on a 2xx answer record the
 * attempt and the result on the call, throwing {@link MalformedResponseException} for an
 * answer they cannot use.
 */
public interface FaceTimeProvider {

    /** Lower-case name, as used in requests, outcomes and configuration. */
    String name();

    /** Whether the provider may be used: credentials configured, or sandbox mode. */
    boolean enabled();

    /** Whether the provider can call this kind of handle at all. */
    boolean accepts(Handle handle);

    String startCallUri();

    void prepareStartCall(Exchange exchange);

    void readStartCall(Exchange exchange);

    String capabilitiesUri();

    void prepareCapabilityLookup(Exchange exchange);

    void readCapabilities(Exchange exchange);
}
