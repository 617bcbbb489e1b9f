package io.facetimerouter.sandbox;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facetimerouter.FacetimeRouterApplication;
import io.facetimerouter.join.MissingJoinSigningKeyException;
import io.facetimerouter.trigger.rest.MissingApiKeysException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

class LiveModeStartupTest {

    @Test
    void liveModeWithoutApiKeysRefusesToStart() {
        SpringApplicationBuilder application = new SpringApplicationBuilder(FacetimeRouterApplication.class);

        assertThatThrownBy(() -> application.run("--blooio.api-key=a-real-looking-key", "--router.api-keys=",
                "--server.port=0", "--router.kafka.enabled=false", "--spring.datasource.url=jdbc:h2:mem:live-startup;DB_CLOSE_DELAY=-1"))
                .hasRootCauseInstanceOf(MissingApiKeysException.class)
                .rootCause().hasMessageContaining("ROUTER_API_KEYS is not set");
    }

    @Test
    void liveModeWithSendblueButNoJoinSigningKeyRefusesToStart() {
        SpringApplicationBuilder application = new SpringApplicationBuilder(FacetimeRouterApplication.class);

        assertThatThrownBy(() -> application.run("--sendblue.api-key-id=id", "--sendblue.api-secret-key=secret",
                "--sendblue.from-numbers=+18885550199", "--router.api-keys=a-key", "--router.join.signing-key=",
                "--server.port=0", "--router.kafka.enabled=false", "--spring.datasource.url=jdbc:h2:mem:live-join;DB_CLOSE_DELAY=-1"))
                .hasRootCauseInstanceOf(MissingJoinSigningKeyException.class)
                .rootCause().hasMessageContaining("ROUTER_JOIN_SIGNINGKEY is not set");
    }
}
