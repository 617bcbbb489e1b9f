package io.facetimerouter.campaign;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param directory    where campaign definitions are read from at start-up ({@code *.yaml}, {@code *.yml})
 * @param syncInterval how often an instance looks for campaigns saved through the REST API on another one
 */
@ConfigurationProperties("router.campaigns")
public record CampaignProperties(@DefaultValue("config/campaigns") String directory,
                                 @DefaultValue("30s") Duration syncInterval) {
}
