package io.facetimerouter.trigger.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled      whether the service reads call requests from the requests topic
 * @param groupId      the consumer group every instance joins: each partition is read by one of them
 * @param maxInFlight  records of this instance being processed at once, over every partition it reads;
 *                     records with the same key wait for each other (see {@link OrderingKeys})
 * @param drainTimeout how long a revoked partition's, or a stopping instance's, records in flight are
 *                     waited for so their offsets can be committed; those still running after it are
 *                     left to the next owner (the ledger answers them without a second call)
 */
@ConfigurationProperties("router.kafka")
public record KafkaTriggerProperties(@DefaultValue("true") boolean enabled,
                                     @DefaultValue("facetime-router") String groupId,
                                     @DefaultValue("64") int maxInFlight,
                                     @DefaultValue("30s") Duration drainTimeout) {

    public KafkaTriggerProperties {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("router.kafka.max-in-flight must be at least 1, was " + maxInFlight);
        }
    }
}
