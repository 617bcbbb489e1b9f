package io.facetimerouter.capability;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param cacheTtl           how long a looked-up answer is reused (Sendblue allows 30 lookups an hour)
 * @param cacheMaxSize       contacts kept in the cache at most
 * @param callWhenNotCapable call a contact reported as not FaceTime-capable anyway
 */
@ConfigurationProperties("router.capability")
public record CapabilityProperties(
        @DefaultValue("24h") Duration cacheTtl,
        @DefaultValue("100000") long cacheMaxSize,
        @DefaultValue("false") boolean callWhenNotCapable) {
}
