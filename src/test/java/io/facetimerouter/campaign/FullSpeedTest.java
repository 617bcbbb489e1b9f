package io.facetimerouter.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When a run counts as publishing at full speed, so that the instance's own consumer yields to it. */
class FullSpeedTest {

    private static PaceWindow windowAfter(int allowance, int calls) {
        PaceWindow window = new PaceWindow(allowance, 1000, () -> 0L);
        window.letThrough(calls);
        return window;
    }

    @Test
    void aRunWithNoEffectiveRateIsAtFullSpeedAfterAFullBatch() {
        // 6,000,000 a minute: 100,000 a second, in batches of 1,000 (one checkpoint's rows)
        assertThat(CampaignRuns.atFullSpeed(windowAfter(100_000, 1_000), 100_000)).isTrue();
    }

    @Test
    void aRunWhoseBatchFilledThePeriodIsHeldBackByItsPace() {
        // 600 a minute: 10 a second
        assertThat(CampaignRuns.atFullSpeed(windowAfter(10, 10), 10)).isFalse();
    }

    @Test
    void aBatchCutShortAtACheckpointDoesNotMakeAPacedRunLookAtFullSpeed() {
        // 7,000 a minute: 117 a second; at the 1,000th row a batch of 64 leaves room for 53, not for 117
        assertThat(CampaignRuns.atFullSpeed(windowAfter(117, 64), 117)).isFalse();
    }
}
