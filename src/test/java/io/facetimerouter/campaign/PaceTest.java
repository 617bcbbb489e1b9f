package io.facetimerouter.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.ratelimiter.RateLimiter;

import org.junit.jupiter.api.Test;

class PaceTest {

    @Test
    void belowOneCallASecondCallsAreSpacedEvenly() {
        assertThat(CampaignRoutes.Pace.of(30)).isEqualTo(new CampaignRoutes.Pace(1, 2000));
        assertThat(CampaignRoutes.Pace.of(1)).isEqualTo(new CampaignRoutes.Pace(1, 60_000));
    }

    @Test
    void fromOneCallASecondTheRateIsSpreadOverEachSecond() {
        assertThat(CampaignRoutes.Pace.of(60)).isEqualTo(new CampaignRoutes.Pace(1, 1000));
        assertThat(CampaignRoutes.Pace.of(600)).isEqualTo(new CampaignRoutes.Pace(10, 1000));
        assertThat(CampaignRoutes.Pace.of(600_000)).isEqualTo(new CampaignRoutes.Pace(10_000, 1000));
    }

    @Test
    void aBatchWithinThePeriodsAllowanceGoesAtOnce() {
        CampaignRoutes.Pace pace = CampaignRoutes.Pace.of(600);
        RateLimiter limiter = pace.limiter("first-batch");

        assertThat(pace.reserve(limiter, 10)).isZero();
    }

    @Test
    void aBatchBeyondWhatIsLeftOfThePeriodWaitsForTheNextPeriodAndItsMargin() {
        CampaignRoutes.Pace pace = CampaignRoutes.Pace.of(600);
        RateLimiter limiter = pace.limiter("second-batch");
        pace.reserve(limiter, 4);

        // 6 of the 10 are left: 7 more wait for the next period, 1,005 ms after the first began
        assertThat(pace.reserve(limiter, 7)).isBetween(900L, 1005L);
    }

    @Test
    void aBatchLargerThanAPeriodsAllowanceIsRefused() {
        CampaignRoutes.Pace pace = CampaignRoutes.Pace.of(600);

        assertThatThrownBy(() -> pace.reserve(pace.limiter("too-large"), 11))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("11 calls");
    }
}
