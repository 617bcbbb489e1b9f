package io.facetimerouter.campaign;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param directory       where campaign definitions are read from at start-up ({@code *.yaml}, {@code *.yml})
 * @param syncInterval    how often an instance looks for campaigns saved through the REST API on another one
 * @param audienceDir     the only directory audience files of campaigns defined in files may be read from
 * @param audienceMaxSize the largest CSV audience {@code PUT /api/v1/campaigns/{id}/audience} accepts
 * @param consumerYields  whether the instance's own Kafka consumer starts no new records while a run of the
 *                        instance publishes batches back to back (its pace not holding it back)
 * @param minInterval     the least time a campaign's cron may leave between two runs: each run calls the
 *                        whole audience; 0 allows any cron
 */
@ConfigurationProperties("router.campaigns")
public record CampaignProperties(@DefaultValue("config/campaigns") String directory,
                                 @DefaultValue("30s") Duration syncInterval,
                                 @DefaultValue("config/campaigns") String audienceDir,
                                 @DefaultValue("16MB") DataSize audienceMaxSize,
                                 @DefaultValue("true") boolean consumerYields,
                                 @DefaultValue("1m") Duration minInterval) {

    public CampaignProperties {
        if (minInterval.isNegative()) {
            throw new IllegalArgumentException("router.campaigns.min-interval must be 0 (any cron) or longer, was "
                    + minInterval + " (ROUTER_CAMPAIGNS_MININTERVAL)");
        }
    }
}
