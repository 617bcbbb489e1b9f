package io.facetimerouter.campaign;

/** A campaign defined in config/campaigns is changed in its file, not through the API: answered 409. */
public class CampaignInFileException extends RuntimeException {

    public CampaignInFileException(String id) {
        super("Campaign " + id + " is defined in a file under config/campaigns; change it there");
    }
}
