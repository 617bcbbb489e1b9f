package io.facetimerouter.ledger;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.stereotype.Component;

/**
 * Adds to an H2 file ledger's URL the two settings the ledger's guarantees rest on, when the URL does
 * not set them itself (a value it sets is kept): {@code WRITE_DELAY=0}, so every commit is in the file
 * before a caller is answered and a killed process loses no outcome, and {@code DB_CLOSE_ON_EXIT=FALSE},
 * so the database closes with the service's connection pool, after the last write, rather than in H2's
 * own shutdown hook while calls still finish (they would fail, and be retried until the stop gives up).
 */
@Component
class H2LedgerSettings implements BeanPostProcessor {

    private static final List<Map.Entry<String, String>> REQUIRED = List.of(
            Map.entry("WRITE_DELAY", "0"), Map.entry("DB_CLOSE_ON_EXIT", "FALSE"));
    private static final String H2 = "jdbc:h2:";
    /** H2 URLs that are not a file the service opens itself: in memory, or a database server's. */
    private static final List<String> NOT_A_FILE = List.of("mem:", "tcp:", "ssl:");

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSourceProperties properties && properties.getUrl() != null) {
            properties.setUrl(withLedgerSettings(properties.getUrl()));
        }
        return bean;
    }

    static String withLedgerSettings(String url) {
        String upper = url.toUpperCase(Locale.ROOT);
        if (!upper.startsWith(H2.toUpperCase(Locale.ROOT))
                || NOT_A_FILE.stream().anyMatch(kind -> upper.startsWith(kind.toUpperCase(Locale.ROOT), H2.length()))) {
            return url;
        }
        StringBuilder completed = new StringBuilder(url);
        for (Map.Entry<String, String> setting : REQUIRED) {
            if (!upper.contains(";" + setting.getKey() + "=")) {
                completed.append(';').append(setting.getKey()).append('=').append(setting.getValue());
            }
        }
        return completed.toString();
    }
}
