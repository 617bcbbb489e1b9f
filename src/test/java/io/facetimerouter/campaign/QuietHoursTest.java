package io.facetimerouter.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QuietHoursTest {

    private static final CampaignDefinition OVERNIGHT = campaign(new CampaignDefinition.QuietHours("21:00", "08:00", null));

    @Test
    void outsideQuietHoursTheCallGoesAtOnce() {
        // 12:00 in New York
        assertThat(CampaignRuns.quietWait(OVERNIGHT, Instant.parse("2026-11-21T17:00:00Z"))).isZero();
    }

    @Test
    void duringOvernightQuietHoursTheCallWaitsUntilTheyEndInTheContactsZone() {
        // 23:30 in New York: quiet until 08:00 there
        assertThat(CampaignRuns.quietWait(OVERNIGHT, Instant.parse("2026-11-22T04:30:00Z")))
                .isEqualTo(Duration.ofMinutes(8 * 60 + 30));
    }

    @Test
    void afterMidnightTheSameNightStillWaits() {
        // 06:00 in New York
        assertThat(CampaignRuns.quietWait(OVERNIGHT, Instant.parse("2026-11-22T11:00:00Z"))).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void quietHoursWithinOneDayAndTheirOwnZone() {
        CampaignDefinition lunch = campaign(new CampaignDefinition.QuietHours("12:00", "13:00", "Europe/Paris"));

        // 12:15 in Paris, though 06:15 in the campaign's New York zone
        assertThat(CampaignRuns.quietWait(lunch, Instant.parse("2026-11-21T11:15:00Z"))).isEqualTo(Duration.ofMinutes(45));
        assertThat(CampaignRuns.quietWait(lunch, Instant.parse("2026-11-21T12:00:00Z"))).isZero();
    }

    @Test
    void theEndOfQuietHoursFollowsADaylightSavingChange() {
        // 2026-03-08 02:00 New York jumps to 03:00: 21:00 EST to 08:00 EDT is 10 hours
        assertThat(CampaignRuns.quietWait(OVERNIGHT, Instant.parse("2026-03-08T02:00:00Z"))).isEqualTo(Duration.ofHours(10));
    }

    private static CampaignDefinition campaign(CampaignDefinition.QuietHours quietHours) {
        return new CampaignDefinition("quiet", "0 0 9 * * ?", "America/New_York", true,
                new CampaignDefinition.Audience("inline", null, null), null, null, null, quietHours, null);
    }
}
