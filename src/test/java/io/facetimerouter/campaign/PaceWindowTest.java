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

    /** A batch let through when the clock reads this many ms. */
    private void letThroughAt(long millis, int calls) {
        nowMillis = millis;
        window.letThrough(calls);
    }

    @Test
    void aBatchWithinTheAllowanceGoesAtOnce() {
        assertThat(window.waitFor(10)).isZero();
    }

    @Test
    void aBatchThatFitsBesideTheCallsInTheWindowGoesAtOnce() {
        letThroughAt(0, 4);
        nowMillis = 300;

        assertThat(window.waitFor(6)).isZero();
    }

    @Test
    void aBatchThatDoesNotFitWaitsUntilEnoughCallsHaveLeftTheWindow() {
        letThroughAt(0, 4);
        letThroughAt(300, 6);
        nowMillis = 400;

        // the 4 of 0 ms leave at 1,000 ms; 3 then fit beside the 6 of 300 ms
        assertThat(window.waitFor(3)).isEqualTo(600);
    }

    @Test
    void aBatchLetThroughLateCountsFromWhenItWent() {
        letThroughAt(0, 10);
        letThroughAt(1007, 10);
        nowMillis = 1010;

        // had the second batch gone when it could (1,000 ms), the third could go at 2,000 ms
        assertThat(window.waitFor(1)).isEqualTo(997);
    }

    @Test
    void noPeriodEverHoldsMoreThanTheAllowanceHoweverLateBatchesGo() {
        Random random = new Random(42);
        List<long[]> letThrough = new ArrayList<>();
        for (int batch = 0; batch < 2_000; batch++) {
            int calls = 1 + random.nextInt(10);
            // the wait overruns by up to 20 ms, as a sleep on a busy machine does
            nowMillis += window.waitFor(calls) + random.nextInt(20);
            window.letThrough(calls);
            letThrough.add(new long[] {nowMillis, calls});
            nowMillis += random.nextInt(300);
        }

        for (long[] first : letThrough) {
            long inPeriod = letThrough.stream().filter(batch -> batch[0] >= first[0] && batch[0] < first[0] + 1000)
                    .mapToLong(batch -> batch[1]).sum();
            assertThat(inPeriod).as("calls in the period from %d ms", first[0]).isLessThanOrEqualTo(10);
        }
    }

    @Test
    void aBatchLargerThanTheAllowanceIsRefused() {
        assertThatThrownBy(() -> window.waitFor(11))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("11 calls");
    }
}
