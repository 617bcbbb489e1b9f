package io.facetimerouter.notify;

import io.facetimerouter.security.Hmac;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Standard Webhooks signatures: {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">} keyed with the
 * base64 part of a {@code whsec_} secret; one signature per secret, space-separated, so receivers
 * holding either secret accept a delivery while a secret is being rotated.
 */
final class WebhookSigner {

    static final String SECRET_PREFIX = "whsec_";

    private final List<byte[]> keys;

    WebhookSigner(List<String> secrets) {
        this.keys = secrets.stream().map(WebhookSigner::key).toList();
    }

    /** The key of a {@code whsec_} secret; fails with a message that never repeats the secret. */
    static byte[] key(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("a webhook secret must start with " + SECRET_PREFIX);
        }
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
            if (key.length < 24) {
                throw new IllegalArgumentException("a webhook secret must hold at least 24 random bytes");
            }
            return key;
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("a webhook secret is whsec_ followed by base64: "
                    + notBase64.getMessage().replace(secret, "***"));
        }
    }

    String sign(String webhookId, long timestamp, String body) {
        byte[] content = (webhookId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8);
        return keys.stream().map(key -> "v1," + Base64.getEncoder().encodeToString(Hmac.sha256(key, content)))
                .collect(Collectors.joining(" "));
    }
}
