package io.facetimerouter.notify;

import io.facetimerouter.call.CallOutcome;
import io.facetimerouter.call.RequestIds;

/** A delivery on its way through a channel route: which one, and the outcome it carries. */
public record DeliveryJob(String requestId, String channel, String target, String deliveryId, CallOutcome outcome) {

    @Override
    public String toString() {
        // exchanges are logged with their body in places: never print the outcome (handle, link), nor a contact
        return "DeliveryJob[" + RequestIds.masked(requestId) + " " + channel + "/" + RequestIds.masked(target) + "]";
    }
}
