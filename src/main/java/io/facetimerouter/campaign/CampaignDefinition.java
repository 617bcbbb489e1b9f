package io.facetimerouter.campaign;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.boot.convert.DurationStyle;

/**
 * A scheduled campaign, as written in {@code config/campaigns/*.yaml} (kebab-case keys) or sent to
 * the REST API (camelCase). Optional fields have defaults; {@link CampaignValidator} says what is wrong.
 *
 * @param channels      {@code notify}: the notification channels of the calls
 * @param cron          Quartz cron expression (seconds first), evaluated in {@code timeZone}
 * @param timeZone      IANA zone of the schedule; UTC when absent
 * @param ratePerMinute calls started per minute at most; 60 when absent
 * @param quietHours    no calls are started between {@code start} and {@code end} in the contact-facing zone
 * @param deadline      how long a run may take; contacts not reached by then are reported skipped; 1h when absent
 */
public record CampaignDefinition(String id, String cron, String timeZone, Boolean enabled, Audience audience,
                                 String provider, @JsonProperty("notify") List<String> channels,
                                 Integer ratePerMinute, QuietHours quietHours,
                                 String deadline) {

    static final int DEFAULT_RATE_PER_MINUTE = 60;
    static final Duration DEFAULT_DEADLINE = Duration.ofHours(1);

    /**
     * @param type     {@code inline}, {@code csv} or {@code blooio-contacts}
     * @param contacts the contacts of an inline audience
     * @param file     the CSV file of a csv audience: a {@code handle} column, optional {@code name} and metadata columns
     */
    public record Audience(String type, List<Contact> contacts, String file) {
    }

    public record Contact(String handle, String name, Map<String, String> metadata) {
    }

    /** @param timeZone the contacts' zone; the campaign's when absent */
    public record QuietHours(String start, String end, String timeZone) {
    }

    public boolean isEnabled() {
        return enabled == null || enabled;
    }

    public ZoneId zone() {
        return timeZone == null ? ZoneId.of("UTC") : ZoneId.of(timeZone);
    }

    public int rate() {
        return ratePerMinute == null ? DEFAULT_RATE_PER_MINUTE : ratePerMinute;
    }

    public Duration runDeadline() {
        return deadline == null ? DEFAULT_DEADLINE : DurationStyle.detectAndParse(deadline);
    }
}
