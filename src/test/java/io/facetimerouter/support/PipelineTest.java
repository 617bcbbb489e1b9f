package io.facetimerouter.support;

import io.facetimerouter.capability.CapabilityCheck;
import io.facetimerouter.provider.ProviderCircuitBreakers;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole service on a random port, in live mode against WireMock stand-ins of both providers.
 * Subclasses share one Spring context; every test starts with fresh stubs, closed circuits and an
 * empty capability cache, and with both providers answering successfully unless it says otherwise.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(locations = "classpath:pipeline-test.properties")
public abstract class PipelineTest {

    public static final String API_KEY = "test-api-key-7f3a9c";

    @LocalServerPort
    protected int port;

    @Autowired
    protected ProviderCircuitBreakers circuitBreakers;

    @Autowired
    private CapabilityCheck capabilityCheck;

    protected CallApi api;

    /** Only the stub addresses are dynamic; credentials are in the properties file, so subclasses can override them. */
    @DynamicPropertySource
    static void providerStubs(DynamicPropertyRegistry registry) {
        registry.add("blooio.base-url", () -> ProviderStubs.blooio().baseUrl() + "/v2/api");
        registry.add("sendblue.base-url", () -> ProviderStubs.sendblue().baseUrl());
    }

    @BeforeEach
    void freshProvidersAndState() {
        ProviderStubs.reset();
        ProviderStubs.blooioCapabilities(true, true);
        ProviderStubs.sendblueEvaluates("iMessage");
        ProviderStubs.blooioCreatesLinks();
        ProviderStubs.sendblueStartsCalls();
        closed(circuitBreakers.forProvider("blooio"));
        closed(circuitBreakers.forProvider("sendblue"));
        capabilityCheck.clearCache();
        api = new CallApi(port, API_KEY);
    }

    /**
     * Closed, with empty metrics. Resilience4j's {@code reset()} alone leaves an open breaker's timer to turn
     * half-open running, and when it fires it would move the breaker whatever state a later test gave it; a
     * transition out of the open state cancels that timer.
     */
    public static void closed(CircuitBreaker breaker) {
        if (breaker.getState() != CircuitBreaker.State.CLOSED) {
            breaker.transitionToClosedState();
        }
        breaker.reset();
    }
}
