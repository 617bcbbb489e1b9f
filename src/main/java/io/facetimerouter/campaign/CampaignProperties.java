package io.facetimerouter.campaign;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param directory where campaign definitions are read from at start-up ({@code *.yaml}, {@code *.yml}) */
@ConfigurationProperties("router.campaigns")
public record CampaignProperties(@DefaultValue("config/campaigns") String directory) {
}
