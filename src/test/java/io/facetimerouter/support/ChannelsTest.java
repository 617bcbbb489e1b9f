package io.facetimerouter.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.facetimerouter.ledger.DeliveryLedger;
import io.facetimerouter.ledger.DeliveryLedger.Delivery;
import io.facetimerouter.notify.WebhookChannel;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The service with every notification channel and messaging webhook configured: two webhook
 * subscribers on a WireMock receiver ({@code crm}, signing with two secrets as during a rotation,
 * and {@code failures}, which wants FAILED outcomes only), inbound webhook secrets, a clock tests
 * can move forward, and the join page's SDK served by the Blooio stub.
 */
@TestPropertySource(properties = {
        "router.notify.webhook.circuit-breaker.sliding-window-size=4",
        "router.notify.webhook.circuit-breaker.minimum-number-of-calls=4",
        "router.notify.webhook.circuit-breaker.wait-duration-in-open-state=1h",
        "router.notify.webhook.timeout=1s",
        "router.inbound.blooio.signing-secret=" + ChannelsTest.BLOOIO_INBOUND_SECRET,
        "router.inbound.sendblue.signing-secret=" + ChannelsTest.SENDBLUE_INBOUND_SECRET})
@Import(ChannelsTest.Clocks.class)
public abstract class ChannelsTest extends PipelineTest {

    public static final String CRM_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    public static final String CRM_NEXT_SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    public static final String FAILURES_SECRET = "whsec_f3Bz0pQkR2mYx8LtVw9cNq4HjKs6Ud1E";
    public static final String BLOOIO_INBOUND_SECRET = "whsec_inbound-blooio-7c41";
    public static final String SENDBLUE_INBOUND_SECRET = "sb-inbound-secret-92ad";
    public static final String CRM_PATH = "/hooks/crm";
    public static final String FAILURES_PATH = "/hooks/failures";
    public static final String SDK_PATH = "/sdk/agora-rtc-stub.js";

    private static final WireMockServer RECEIVER = new WireMockServer(options().dynamicPort());

    static {
        RECEIVER.start();
    }

    @Autowired
    protected SettableClock clock;

    @Autowired
    protected WebhookChannel webhooks;

    @Autowired
    protected DeliveryLedger deliveries;

    /** Subscribers in one property source: Spring binds a list from the first source that has it. */
    @DynamicPropertySource
    static void receivers(DynamicPropertyRegistry registry) {
        registry.add("router.notify.webhook.subscribers[0].name", () -> "crm");
        registry.add("router.notify.webhook.subscribers[0].url", () -> RECEIVER.baseUrl() + CRM_PATH);
        registry.add("router.notify.webhook.subscribers[0].secrets[0]", () -> CRM_SECRET);
        registry.add("router.notify.webhook.subscribers[0].secrets[1]", () -> CRM_NEXT_SECRET);
        registry.add("router.notify.webhook.subscribers[1].name", () -> "failures");
        registry.add("router.notify.webhook.subscribers[1].url", () -> RECEIVER.baseUrl() + FAILURES_PATH);
        registry.add("router.notify.webhook.subscribers[1].secrets[0]", () -> FAILURES_SECRET);
        registry.add("router.notify.webhook.subscribers[1].statuses", () -> "FAILED");
        registry.add("router.join.sdk-url", () -> ProviderStubs.blooio().baseUrl() + SDK_PATH);
    }

    /** The webhook subscribers' side: one WireMock server, a path per subscriber. */
    public static WireMockServer receiver() {
        return RECEIVER;
    }

    @BeforeEach
    void freshSubscribers() {
        RECEIVER.resetAll();
        clock.reset();
        for (String subscriber : new String[] {"crm", "failures"}) {
            closed(webhooks.breaker(subscriber));
            deliveries.enableSubscriber(subscriber);
        }
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    protected Delivery delivery(String requestId, String target) {
        return deliveries.findFor(requestId).stream().filter(d -> d.target().equals(target)).findFirst().orElseThrow();
    }

    /** Waits until the delivery of the request to the target (a subscriber, the contact, ...) has the status. */
    protected Delivery awaitDelivery(String requestId, String target, String status) {
        await().untilAsserted(() -> assertThat(deliveries.findFor(requestId)).filteredOn(d -> d.target().equals(target))
                .singleElement().extracting(Delivery::status).isEqualTo(status));
        return delivery(requestId, target);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {
        @Bean
        @Primary
        SettableClock settableClock() {
            return new SettableClock();
        }
    }

    /** Blooio's {@code X-Blooio-Signature} for a body, written from Blooio's documentation, independently of the service's verifier. */
    public static String blooioSignature(long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(BLOOIO_INBOUND_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
