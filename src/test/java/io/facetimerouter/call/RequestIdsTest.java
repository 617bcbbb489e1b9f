package io.facetimerouter.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void idsOfTheUrlSafeAlphabetAreValid() {
        assertThat(RequestIds.isValid("campaign:20261201T090000.000Z:+15551234567")).isTrue();
        assertThat(RequestIds.isValid("ada.lovelace@example.com")).isTrue();
    }

    @Test
    void reservedCharactersSpacesAndOverlongIdsAreNot() {
        for (String id : new String[] {"a/b", "a b", "a%3A", "a;b", "a?b", "a#b", "é", "", "x".repeat(129)}) {
            assertThat(RequestIds.isValid(id)).as(id).isFalse();
        }
    }

    @Test
    void aPartOutsideTheAlphabetIsReplacedByItsDigestTheSameEachTime() {
        String id = RequestIds.scoped("campaign:run:", "o'brien!#@example.com");

        assertThat(id).matches("campaign:run:h-[0-9a-f]{32}");
        assertThat(RequestIds.isValid(id)).isTrue();
        assertThat(RequestIds.scoped("campaign:run:", "o'brien!#@example.com")).isEqualTo(id);
        assertThat(RequestIds.scoped("campaign:run:", "+15551234567")).isEqualTo("campaign:run:+15551234567");
    }

    @Test
    void contactsInsideIdsAreMaskedForLogsAndNothingElseIs() {
        assertThat(RequestIds.masked("checkin:20261201T090000.000Z:+15557654321"))
                .isEqualTo("checkin:20261201T090000.000Z:+155***21");
        assertThat(RequestIds.masked("checkin:20261201T090000.000Z:jane.doe@example.com"))
                .isEqualTo("checkin:20261201T090000.000Z:j***@example.com");
        assertThat(RequestIds.masked("order-1001")).isEqualTo("order-1001");
    }

    @Test
    void sevenDigitsInARowAreTheShortestNumberMasked() {
        assertThat(RequestIds.masked("ticket-1234567")).startsWith("ticket-").doesNotContain("1234567");
        assertThat(RequestIds.masked("ticket-123456")).isEqualTo("ticket-123456");
        assertThat(RequestIds.masked("01a23523-8b17-724c-b360-a74e24cbc2cf")).isEqualTo("01a23523-8b17-724c-b360-a74e24cbc2cf");
    }

    @Test
    void digitsNextToALetterAreNotANumberButNextToAnythingElseThey() {
        assertThat(RequestIds.masked("01a2356b-6327-7529-a638-52c8f9059366")).isEqualTo("01a2356b-6327-7529-a638-52c8f9059366");
        assertThat(RequestIds.masked("x1234567")).isEqualTo("x1234567");
        assertThat(RequestIds.masked("1234567x")).isEqualTo("1234567x");
        assertThat(RequestIds.masked("1234567")).doesNotContain("1234567");
        assertThat(RequestIds.masked("run:+15557654321:end")).startsWith("run:").endsWith(":end").doesNotContain("5557654");
        assertThat(RequestIds.masked("é15557654321")).doesNotContain("5557654");
    }

    @Test
    void madeUpIdsAreValidUniqueAndSortInTheOrderTheyWereMade() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            made.add(RequestIds.newId());
        }

        assertThat(made).allMatch(RequestIds::isValid).doesNotHaveDuplicates().isSorted();
    }
}
