package io.facetimerouter.provider.sendblue;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param baseUrl      Sendblue API base URL (env {@code SENDBLUE_BASE_URL})
 * @param apiKeyId     sent as {@code sb-api-key-id} (env {@code SENDBLUE_API_KEY_ID})
 * @param apiSecretKey sent as {@code sb-api-secret-key} (env {@code SENDBLUE_API_SECRET_KEY})
 * @param fromNumbers  the account's FaceTime-enabled lines, used in turn (env {@code SENDBLUE_FROM_NUMBERS}, comma-separated)
 */
@ConfigurationProperties("sendblue")
public record SendblueProperties(@DefaultValue("https://api.sendblue.co") String baseUrl, String apiKeyId,
                                 String apiSecretKey, List<String> fromNumbers) {

    public SendblueProperties {
        fromNumbers = fromNumbers == null ? List.of()
                : fromNumbers.stream().map(String::strip).filter(n -> !n.isEmpty()).toList();
    }

    public boolean hasCredentials() {
        return apiKeyId != null && !apiKeyId.isBlank() && apiSecretKey != null && !apiSecretKey.isBlank();
    }

    @Override
    public String toString() {
        return "SendblueProperties[baseUrl=" + baseUrl + ", credentials=" + (hasCredentials() ? "****" : "none")
                + ", fromNumbers=" + fromNumbers.size() + "]";
    }
}
