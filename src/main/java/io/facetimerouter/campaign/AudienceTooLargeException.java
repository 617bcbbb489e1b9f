package io.facetimerouter.campaign;

/** An uploaded audience over {@code router.campaigns.audience-max-size}: answered 413. */
public class AudienceTooLargeException extends RuntimeException {

    public AudienceTooLargeException(long maxBytes) {
        super("The audience is larger than " + maxBytes + " bytes (ROUTER_CAMPAIGNS_AUDIENCEMAXSIZE)");
    }
}
