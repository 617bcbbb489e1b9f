package io.facetimerouter.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PaceWindowTest {

    /** A clock the test moves by hand, in milliseconds. */
    private long nowMillis;
    private final PaceWindow window = new PaceWindow(10, 1000, () -> TimeUnit.MILLISECONDS.toNanos(nowMillis));

    @Test
    void aBatchWithinTheAllowanceGoesAtOnce() {
        assertThat(window.reserve(10)).isZero();
    }

    @Test
    void aBatchThatFitsBesideTheCallsInTheWindowGoesAtOnce() {
        window.reserve(4);
        nowMillis = 300;

        assertThat(window.reserve(6)).isZero();
    }

    @Test
    void aBatchThatDoesNotFitWaitsUntilEnoughCallsHaveLeftTheWindow() {
        window.reserve(4);
        nowMillis = 300;
        window.reserve(6);
        nowMillis = 400;

        // the 4 of 0 ms leave at 1,000 ms; 3 then fit beside the 6 of 300 ms
        assertThat(window.reserve(3)).isEqualTo(600);
    }

    @Test
    void aBatchBookedWhileAnotherWaitsGoesNoSoonerThanIt() {
        window.reserve(10);
        assertThat(window.reserve(1)).isEqualTo(1000);

        assertThat(window.reserve(1)).isEqualTo(1000);
    }

    @Test
    void noPeriodEverHoldsMoreThanTheAllowance() {
        Random random = new Random(42);
        List<long[]> sends = new ArrayList<>();
        for (int batch = 0; batch < 2_000; batch++) {
            int calls = 1 + random.nextInt(10);
            nowMillis += window.reserve(calls);
            sends.add(new long[] {nowMillis, calls});
            nowMillis += random.nextInt(300);
        }

        for (long[] first : sends) {
            long inPeriod = sends.stream().filter(send -> send[0] >= first[0] && send[0] < first[0] + 1000)
                    .mapToLong(send -> send[1]).sum();
            assertThat(inPeriod).as("calls in the period from %d ms", first[0]).isLessThanOrEqualTo(10);
        }
    }

    @Test
    void aBatchLargerThanTheAllowanceIsRefused() {
        assertThatThrownBy(() -> window.reserve(11))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("11 calls");
    }
}
