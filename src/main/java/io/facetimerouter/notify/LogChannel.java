package io.facetimerouter.notify;

import io.facetimerouter.call.CallOutcome;
import io.facetimerouter.call.Handle;
import io.facetimerouter.call.RequestIds;
import org.apache.camel.Body;
import org.springframework.stereotype.Component;

/**
 * The {@code log} channel's line: key=value pairs a log pipeline can parse. The handle (also where a
 * request id holds it) and the link are masked, since a link is enough to join the call.
 */
@Component
public class LogChannel {

    public String describe(@Body CallOutcome outcome) {
        return "outcome requestId=" + RequestIds.masked(outcome.requestId()) + " status=" + outcome.status()
                + " provider=" + outcome.provider() + " handle=" + Handle.mask(outcome.handle())
                + " link=" + maskLink(outcome.link()) + " expiresAt=" + outcome.expiresAt()
                + " sandbox=" + outcome.sandbox();
    }

    /** Keeps what says where the link leads, never the part that lets someone in. */
    static String maskLink(String link) {
        if (link == null) {
            return null;
        }
        int secretStart = link.indexOf('#');
        if (secretStart < 0) {
            secretStart = link.lastIndexOf('/') + 1;
        }
        return link.substring(0, secretStart) + (secretStart < link.length() ? "***" : "");
    }
}
