package io.facetimerouter.trigger.rest;

import io.facetimerouter.sandbox.SandboxMode;
import io.facetimerouter.security.Hmac;
import io.facetimerouter.trigger.http.HttpHeaderPolicy;
import io.facetimerouter.trigger.http.UnauthorizedException;
import java.util.List;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Checks {@code Authorization: Bearer <key>} against the configured keys. Keys are compared as
 * SHA-256 digests in constant time ({@link Hmac}), against every key, so timing tells nothing
 * about a key's content or length.
 */
@Component
public class ApiKeyAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyAuthenticator.class);
    private static final String BEARER = "Bearer ";

    private final List<byte[]> keyDigests;

    public ApiKeyAuthenticator(ApiKeyProperties properties, SandboxMode sandbox) {
        List<String> keys = properties.apiKeys();
        if (keys.isEmpty()) {
            if (!sandbox.active()) {
                throw new MissingApiKeysException();
            }
            LOG.warn("ROUTER_API_KEYS is not set: sandbox mode accepts the API key '{}'", SandboxMode.SANDBOX_KEY);
            keys = List.of(SandboxMode.SANDBOX_KEY);
        }
        this.keyDigests = keys.stream().map(Hmac::digest).toList();
    }

    public void authenticate(Exchange exchange) {
        if (!accepts(HttpHeaderPolicy.requestHeader(exchange, "Authorization"))) {
            throw new UnauthorizedException();
        }
    }

    /** Whether an {@code Authorization} header value carries one of the keys. */
    public boolean accepts(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        byte[] presented = Hmac.digest(authorization.substring(BEARER.length()).strip());
        boolean match = false;
        for (byte[] key : keyDigests) {
            match |= Hmac.constantTimeEquals(key, presented);
        }
        return match;
    }
}
