package io.facetimerouter.join;

import io.facetimerouter.call.CallContext;
import io.facetimerouter.call.CallOutcome;
import io.facetimerouter.call.CallStatus;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** Gives outcomes with join credentials but no link (Sendblue's) a link to the join page. */
@Component
public class JoinLinks {

    private final JoinTokens tokens;
    private final JoinProperties properties;
    private final Clock clock;

    public JoinLinks(JoinTokens tokens, JoinProperties properties, Clock clock) {
        this.tokens = tokens;
        this.properties = properties;
        this.clock = clock;
    }

    public void attach(CallContext call) {
        CallOutcome outcome = call.getOutcome();
        if (call.isReplayed() || outcome.status() != CallStatus.LINK_CREATED || outcome.link() != null
                || outcome.agora() == null) {
            return;
        }
        Instant expiresAt = clock.instant().plus(properties.linkValidity());
        String base = properties.publicBaseUrl().replaceAll("/+$", "");
        call.joinLinkIssued(base + "/join/" + tokens.issue(call.getRequestId(), expiresAt), expiresAt);
    }
}
