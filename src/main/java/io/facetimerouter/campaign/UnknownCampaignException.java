package io.facetimerouter.campaign;

/** No campaign has this id: answered 404. */
public class UnknownCampaignException extends RuntimeException {

    public UnknownCampaignException(String id) {
        super("No campaign " + id);
    }
}
