package io.facetimerouter;

import io.facetimerouter.sandbox.ProviderSandbox;
import io.facetimerouter.sandbox.SandboxMode;
import io.facetimerouter.provider.blooio.BlooioProperties;
import io.facetimerouter.provider.sendblue.SendblueProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SandboxConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxConfiguration.class);

    /** Sandbox mode when no provider has credentials: nothing can reach a real provider by accident. */
    @Bean
    SandboxMode sandboxMode(BlooioProperties blooio, SendblueProperties sendblue) {
        if (blooio.hasCredentials() || sendblue.hasCredentials()) {
            LOG.info("Live mode: Blooio {}, Sendblue {}", blooio.hasCredentials() ? "configured" : "not configured",
                    sendblue.hasCredentials() ? "configured" : "not configured");
            return SandboxMode.live();
        }
        ProviderSandbox sandbox = ProviderSandbox.start();
        LOG.warn("SANDBOX MODE: no provider credentials are configured, so calls go to the built-in sandbox of "
                + "Blooio and Sendblue at {}. Links are fake and marked SANDBOX; every outcome says sandbox=true.",
                sandbox.baseUrl());
        return SandboxMode.sandbox(sandbox);
    }
}
