package io.facetimerouter.capability;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.facetimerouter.call.CallContext;
import io.facetimerouter.call.Capabilities;
import io.facetimerouter.call.Handle;
import io.facetimerouter.call.RequestIds;
import io.facetimerouter.provider.FaceTimeProvider;
import io.facetimerouter.resilience.HttpFailures;
import io.facetimerouter.provider.ProviderRoutes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.List;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of the {@code capability-check} route: answer from the cache, pick the provider to ask
 * (the first enabled one, in adapter order, that can look this handle up), remember what it said,
 * and decide whether a contact that is not FaceTime-capable is called at all.
 */
@Component
public class CapabilityCheck {

    public static final String SOURCE = "capabilitySource";
    private static final Logger LOG = LoggerFactory.getLogger(CapabilityCheck.class);

    private final List<FaceTimeProvider> sources;
    private final boolean callWhenNotCapable;
    private final Cache<String, Capabilities> cache;

    public CapabilityCheck(List<FaceTimeProvider> providers, CapabilityProperties properties, MeterRegistry meters) {
        this.sources = providers.stream().filter(FaceTimeProvider::enabled).toList();
        this.callWhenNotCapable = properties.callWhenNotCapable();
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(properties.cacheTtl())
                .maximumSize(properties.cacheMaxSize())
                .recordStats()
                .build();
        // cache_gets_total{cache="capabilities",result="hit|miss"}, cache_size, cache_evictions_total
        CaffeineCacheMetrics.monitor(meters, cache, "capabilities");
    }

    /** Fills in cached capabilities, or names the endpoint to ask in the {@link #SOURCE} property. */
    public void fromCacheOrSource(Exchange exchange) {
        CallContext call = exchange.getMessage().getBody(CallContext.class);
        Capabilities cached = cache.getIfPresent(call.getHandle());
        if (cached != null) {
            call.setCapabilities(cached.fromCache());
            return;
        }
        sources.stream()
                .filter(provider -> provider.accepts(call.getValidHandle()))
                .findFirst()
                .ifPresentOrElse(
                        provider -> exchange.setProperty(SOURCE, ProviderRoutes.capabilitiesEndpoint(provider.name())),
                        () -> call.setCapabilities(Capabilities.unknown("no capability source for this kind of handle")));
    }

    /** Caches what a provider answered; a failed lookup is asked again next time. */
    public void remember(CallContext call) {
        if (call.getCapabilities().known()) {
            cache.put(call.getHandle(), call.getCapabilities());
        }
    }

    /** A lookup that failed or timed out never stops the call: it goes ahead with unknown capabilities. */
    public void lookupFailed(Exchange exchange) {
        CallContext call = exchange.getMessage().getBody(CallContext.class);
        String reason = "lookup failed: " + HttpFailures.describe(exchange.getProperty(Exchange.EXCEPTION_CAUGHT,
                Throwable.class));
        LOG.warn("Call {} to {}: capability {}; calling anyway", RequestIds.masked(call.getRequestId()), Handle.mask(call.getHandle()),
                reason);
        call.setCapabilities(Capabilities.unknown(reason));
    }

    public void applyPolicy(CallContext call) {
        if (call.getCapabilities().notFaceTimeCapable() && !callWhenNotCapable) {
            call.notFaceTimeCapable();
        }
    }

    public void clearCache() {
        cache.invalidateAll();
    }
}
