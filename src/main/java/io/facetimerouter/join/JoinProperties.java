package io.facetimerouter.join;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The service's own join page, the link of calls whose provider gives credentials instead of a link.
 *
 * @param publicBaseUrl where contacts reach this service; links are built on it
 * @param signingKey    HMAC key of join tokens; required in live mode when Sendblue is configured
 * @param linkValidity  how long a join link works
 * @param sdkUrl        the Agora Web SDK ({@code agora-rtc-sdk-ng}) the page loads
 */
@ConfigurationProperties("router.join")
public record JoinProperties(
        @DefaultValue("http://localhost:8080") String publicBaseUrl,
        String signingKey,
        @DefaultValue("1h") Duration linkValidity,
        @DefaultValue("https://download.agora.io/sdk/release/AgoraRTC_N-4.20.0.js") String sdkUrl) {
}
