package io.facetimerouter.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PublishingBurstTest {

    private long nowNanos = 5_000_000_000L;
    private final PublishingBurst burst = new PublishingBurst(() -> nowNanos);

    @Test
    void noBurstUntilOneIsSignalled() {
        assertThat(burst.active()).isFalse();
    }

    @Test
    void aBurstLastsAsLongAsItWasExtendedBy() {
        burst.extend(Duration.ofSeconds(1));
        nowNanos += Duration.ofMillis(999).toNanos();

        assertThat(burst.active()).isTrue();
    }

    @Test
    void aBurstNotExtendedAgainEndsByItself() {
        burst.extend(Duration.ofSeconds(1));
        nowNanos += Duration.ofSeconds(1).toNanos();

        assertThat(burst.active()).isFalse();
    }
}
