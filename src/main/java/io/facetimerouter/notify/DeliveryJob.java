package io.facetimerouter.notify;

import io.facetimerouter.call.CallOutcome;
import io.facetimerouter.call.RequestIds;
import java.time.Instant;

/**
 * A delivery on its way through a channel route: which one, the outcome it carries, and when this
 * instance last claimed it in the ledger.
 */
public record DeliveryJob(String requestId, String channel, String target, String deliveryId, CallOutcome outcome,
                          Instant claimedAt) {

    @Override
    public String toString() {
        // exchanges are logged with their body in places: never print the outcome (handle, link), nor a contact
        return "DeliveryJob[" + RequestIds.masked(requestId) + " " + channel + "/" + RequestIds.masked(target) + "]";
    }
}
