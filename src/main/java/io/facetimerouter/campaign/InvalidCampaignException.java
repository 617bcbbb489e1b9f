package io.facetimerouter.campaign;

import java.util.List;

/** A campaign definition sent to the API with problems: answered 400 with every one of them. */
public class InvalidCampaignException extends RuntimeException {

    public InvalidCampaignException(List<String> problems) {
        super("Invalid campaign: " + String.join("; ", problems));
    }
}
