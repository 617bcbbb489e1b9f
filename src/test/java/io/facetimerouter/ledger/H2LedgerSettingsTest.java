package io.facetimerouter.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;

class H2LedgerSettingsTest {

    @Test
    void aFileUrlWithoutTheSettingsGetsBoth() {
        assertThat(H2LedgerSettings.withLedgerSettings("jdbc:h2:file:/var/lib/router/ledger"))
                .isEqualTo("jdbc:h2:file:/var/lib/router/ledger;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
    }

    @Test
    void aSettingTheUrlGivesItselfIsKept() {
        assertThat(H2LedgerSettings.withLedgerSettings("jdbc:h2:./data/ledger;write_delay=500"))
                .isEqualTo("jdbc:h2:./data/ledger;write_delay=500;DB_CLOSE_ON_EXIT=FALSE");
    }

    @Test
    void theDefaultUrlIsLeftAsItIs() {
        String url = "jdbc:h2:file:./data/ledger;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";

        assertThat(H2LedgerSettings.withLedgerSettings(url)).isEqualTo(url);
    }

    @Test
    void inMemoryServerAndOtherDatabasesAreLeftAsTheyAre() {
        assertThat(H2LedgerSettings.withLedgerSettings("jdbc:h2:mem:ledger;DB_CLOSE_DELAY=-1"))
                .isEqualTo("jdbc:h2:mem:ledger;DB_CLOSE_DELAY=-1");
        assertThat(H2LedgerSettings.withLedgerSettings("jdbc:h2:tcp://db/ledger")).isEqualTo("jdbc:h2:tcp://db/ledger");
        assertThat(H2LedgerSettings.withLedgerSettings("jdbc:postgresql://db/router")).isEqualTo("jdbc:postgresql://db/router");
    }

    @Test
    void theDataSourcePropertiesTheServiceBindsAreCompleted() {
        DataSourceProperties properties = new DataSourceProperties();
        properties.setUrl("jdbc:h2:file:./ledger");

        new H2LedgerSettings().postProcessAfterInitialization(properties, "dataSourceProperties");

        assertThat(properties.getUrl()).isEqualTo("jdbc:h2:file:./ledger;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
    }
}
