package io.facetimerouter.campaign;

import static org.assertj.core.api.Assertions.assertThat;

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
}
