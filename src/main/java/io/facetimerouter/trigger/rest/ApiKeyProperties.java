package io.facetimerouter.trigger.rest;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param apiKeys keys accepted as {@code Authorization: Bearer <key>} (env {@code ROUTER_API_KEYS}, comma-separated) */
@ConfigurationProperties("router")
public record ApiKeyProperties(List<String> apiKeys) {

    public ApiKeyProperties {
        apiKeys = apiKeys == null ? List.of() : apiKeys.stream().map(String::strip).filter(k -> !k.isEmpty()).toList();
    }

    @Override
    public String toString() {
        return "ApiKeyProperties[apiKeys=" + apiKeys.size() + " configured]";
    }
}
