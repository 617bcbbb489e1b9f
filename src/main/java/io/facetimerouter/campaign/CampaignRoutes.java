package io.facetimerouter.campaign;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.quartz.JobDataMap;
import org.quartz.Scheduler;
import org.springframework.stereotype.Component;

/**
 * One route per enabled campaign, {@code campaign-<id>}: a Quartz cron trigger in the clustered
 * job store starts a run on exactly one instance; the run streams the audience, admits each row and
 * hands the calls in batches, at the campaign's rate, to {@code direct:campaign-call}. A run whose instance dies
 * is recovered by another instance (a recoverable job) and resumes where its last checkpoint was.
 * Misfires (no instance up at the fire time) fire once as soon as one is.
 */
@Component
public class CampaignRoutes extends RouteBuilder {

    static final String JOB_GROUP = "campaigns";
    /**
     * Added to the rate's period: the limiter counts calls when it lets them through, the requests
     * topic when they are sent, a millisecond or two later; with this margin no second of the topic
     * holds more than the allowance (at 600 a minute: 600 in a 60 s window, never more than 10 in a second).
     */
    private static final long SEND_MARGIN_MILLIS = 5;
    private static final int MISFIRE_FIRE_ONCE_NOW = 1;

    private final CampaignRuns runs;
    private final CampaignSync sync;
    private final CampaignProperties properties;

    public CampaignRoutes(CampaignRuns runs, CampaignSync sync, CampaignProperties properties) {
        this.runs = runs;
        this.sync = sync;
        this.properties = properties;
    }

    @Override
    public void configure() {
        // the campaigns' own routes are added by CampaignSync once Camel runs, one by one
        // campaigns saved through the REST API on any instance are followed by every instance
        long syncMillis = properties.syncInterval().toMillis();
        from("scheduler:campaign-sync?initialDelay=" + syncMillis + "&delay=" + syncMillis).routeId("campaign-sync")
                .bean(sync, "followDatabase");
    }

    /** The ids of a campaign's routes. */
    static List<String> routeIds(String campaignId) {
        return List.of("campaign-" + campaignId, "campaign-" + campaignId + "-call");
    }

    /** Defines a campaign's two routes on a builder: at start-up, or when the campaign is saved. */
    static void define(RouteBuilder builder, CampaignDefinition campaign, CampaignRuns runs) {
        String call = "direct:campaign-" + campaign.id() + "-call";
        Pace pace = Pace.of(campaign.rate());
        builder.from(schedule(campaign)).routeId(routeIds(campaign.id()).get(0))
                .routeConfigurationId(CampaignRouteConfiguration.CAMPAIGN_RUN)
                .setBody(exchange -> new CampaignRuns.RunStart(campaign.id(), fireTime(exchange)))
                .process(runs::begin)
                .split().exchange(exchange -> runs.batches(exchange, pace.calls())).streaming().stopOnException()
                    .filter(exchange -> exchange.getMessage().getBody(CampaignRuns.Batch.class).size() > 0)
                        .to(call)
                    .end()
                    .process(runs::checkpoint)
                .end()
                .process(runs::finish);

        // the campaign's own pace: quiet hours waited out, then no more calls in a period than it allows.
        // Both waits are on the run's own thread, and end at once when the campaign is saved again or the
        // instance stops: the run stops at its last checkpoint and is resumed from there (CampaignSync)
        PaceWindow window = pace.window();
        builder.from(call).routeId(routeIds(campaign.id()).get(1))
                .process(exchange -> runs.awaitTurn(exchange, window))
                .process(exchange -> runs.letThrough(exchange, window, pace.calls()))
                .process(runs::handOver)
                .to("direct:campaign-call");
    }

    /**
     * A rate per minute as calls per period: below 60 a minute, one call every 60000/rate ms; from 60
     * a minute, rate/60 (rounded up) calls a second, so the pace is even to the second.
     */
    record Pace(int calls, long periodMillis) {

        static Pace of(int ratePerMinute) {
            return ratePerMinute < 60 ? new Pace(1, 60_000L / ratePerMinute)
                    : new Pace((ratePerMinute + 59) / 60, 1000);
        }

        /** The window that holds a campaign's batches to this pace, its period lengthened by the send margin. */
        PaceWindow window() {
            return new PaceWindow(calls, periodMillis + SEND_MARGIN_MILLIS, System::nanoTime);
        }
    }

    private static String schedule(CampaignDefinition campaign) {
        return "quartz://" + JOB_GROUP + "/" + campaign.id()
                + "?cron=" + URLEncoder.encode(campaign.cron(), StandardCharsets.UTF_8)
                // RAW: a zone such as Etc/GMT+5 holds a '+', which a decoded query would turn into a space
                + "&trigger.timeZone=RAW(" + campaign.zone().getId() + ")"
                + "&trigger.misfireInstruction=" + MISFIRE_FIRE_ONCE_NOW
                // one run of a campaign at a time, kept in the shared store, taken over if its instance dies
                + "&stateful=true&durableJob=true&recoverableJob=true"
                // an instance that stops must not delete the schedule the other instances share
                + "&deleteJob=false&pauseJob=false";
    }

    /** The scheduled fire time the run belongs to; for a recovered run, the original one, so it resumes the same run. */
    private static Instant fireTime(Exchange exchange) {
        JobDataMap data = exchange.getMessage().getHeader("mergedJobDataMap", JobDataMap.class);
        if (data != null && data.containsKey(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS)) {
            return Instant.ofEpochMilli(Long.parseLong(
                    data.getString(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS)));
        }
        return exchange.getMessage().getHeader("scheduledFireTime", Date.class).toInstant();
    }
}
