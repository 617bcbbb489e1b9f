package io.facetimerouter.join;

import io.facetimerouter.config.ConfigurationProblem;

/** Live mode with Sendblue needs a stable key for join links, or they would break on every restart. */
public class MissingJoinSigningKeyException extends ConfigurationProblem {

    public MissingJoinSigningKeyException() {
        super("ROUTER_JOIN_SIGNINGKEY is not set: Sendblue calls get links to this service's join page, signed"
                        + " with this key",
                "Set ROUTER_JOIN_SIGNINGKEY to a long random value (for example: openssl rand -base64 32), the same on"
                        + " every instance.");
    }
}
