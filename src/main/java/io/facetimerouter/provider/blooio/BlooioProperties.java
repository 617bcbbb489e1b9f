package io.facetimerouter.provider.blooio;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param baseUrl Blooio API base URL (env {@code BLOOIO_BASE_URL})
 * @param apiKey  Blooio API key, sent as a Bearer token (env {@code BLOOIO_API_KEY}); absent: Blooio is not used in live mode
 */
@ConfigurationProperties("blooio")
public record BlooioProperties(@DefaultValue("https://backend.blooio.com/v2/api") String baseUrl, String apiKey) {

    public boolean hasCredentials() {
        return apiKey != null && !apiKey.isBlank();
    }

    @Override
    public String toString() {
        return "BlooioProperties[baseUrl=" + baseUrl + ", apiKey=" + (hasCredentials() ? "****" : "none") + "]";
    }
}
