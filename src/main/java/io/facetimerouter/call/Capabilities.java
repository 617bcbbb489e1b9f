package io.facetimerouter.call;

import java.time.Instant;

/**
 * What a contact's devices support. When the lookup could not be made, {@code known} is false,
 * the flags are null and {@code reason} says why; the call then goes ahead.
 */
public record Capabilities(boolean known, Boolean imessage, Boolean sms, Boolean facetime, String source,
                           boolean cached, Instant checkedAt, String reason) {

    public static Capabilities of(boolean imessage, boolean sms, boolean facetime, String source, Instant checkedAt) {
        return new Capabilities(true, imessage, sms, facetime, source, false, checkedAt, null);
    }

    public static Capabilities unknown(String reason) {
        return new Capabilities(false, null, null, null, null, false, null, reason);
    }

    public Capabilities fromCache() {
        return new Capabilities(known, imessage, sms, facetime, source, true, checkedAt, reason);
    }

    public boolean notFaceTimeCapable() {
        return known && Boolean.FALSE.equals(facetime);
    }
}
