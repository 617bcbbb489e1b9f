package io.facetimerouter.campaign;

/** A disabled campaign has no schedule and cannot be run: answered 409. */
public class CampaignDisabledException extends RuntimeException {

    public CampaignDisabledException(String id) {
        super("Campaign " + id + " is disabled; enable it to run it");
    }
}
