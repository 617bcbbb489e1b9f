package io.facetimerouter.provider;

import io.facetimerouter.call.CallContext;
import io.facetimerouter.call.CallError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Decides which providers a call may use and in what order, and feeds them one by one to the
 * {@code provider-failover} route's dynamic router until one creates a link.
 */
@Component
public class ProviderFailover {

    private static final String AUTO = "auto";

    private final Map<String, FaceTimeProvider> providers;
    private final List<String> autoOrder;

    public ProviderFailover(List<FaceTimeProvider> providers, ProviderProperties properties) {
        this.providers = providers.stream()
                .collect(Collectors.toMap(FaceTimeProvider::name, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        List<String> unknown = properties.order().stream().filter(name -> !this.providers.containsKey(name)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("router.providers.order names unknown providers " + unknown
                    + "; known: " + this.providers.keySet());
        }
        this.autoOrder = List.copyOf(properties.order());
    }

    /** Settles the providers to try, or decides the call when none can take it. */
    public void plan(CallContext call) {
        if (!call.isPending()) {
            return;
        }
        String requested = call.getRequestedProvider();
        if (AUTO.equals(requested)) {
            List<String> eligible = autoOrder.stream().filter(name -> canCall(providers.get(name), call)).toList();
            if (eligible.isEmpty()) {
                call.fail(new CallError("no_eligible_provider", "No configured provider can call this handle"));
            }
            call.planProviders(eligible);
            return;
        }
        FaceTimeProvider provider = providers.get(requested);
        if (provider == null) {
            call.reject(new CallError("unknown_provider", "provider must be one of " + AUTO + ", "
                    + String.join(", ", providers.keySet())));
        } else if (!provider.enabled()) {
            call.reject(new CallError("provider_not_configured", requested + " has no credentials configured"));
        } else if (!provider.accepts(call.getValidHandle())) {
            call.reject(new CallError("provider_cannot_call_handle", requested + " cannot call this kind of handle"));
        } else {
            call.planProviders(List.of(requested));
        }
    }

    /**
     * The dynamic router's slip: the next provider's endpoint, or null once the call is decided. When
     * every provider was skipped for an open circuit the call is left undecided: nothing was tried.
     */
    public String next(CallContext call) {
        if (!call.isPending()) {
            return null;
        }
        String provider = call.nextProvider();
        if (provider == null) {
            if (!call.everyProviderSkipped()) {
                call.allProvidersFailed();
            }
            return null;
        }
        return ProviderRoutes.callEndpoint(provider);
    }

    private static boolean canCall(FaceTimeProvider provider, CallContext call) {
        return provider.enabled() && provider.accepts(call.getValidHandle());
    }
}
