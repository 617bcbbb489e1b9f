package io.facetimerouter;

import static io.facetimerouter.support.ProviderStubs.blooioCallAnswers;
import static io.facetimerouter.support.ProviderStubs.blooioCapabilitiesAnswer;
import static io.facetimerouter.support.ProviderStubs.sendblueCallAnswers;
import static io.facetimerouter.support.ProviderStubs.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.facetimerouter.support.CallApi;
import io.facetimerouter.support.PipelineTest;
import io.facetimerouter.support.ProviderStubs;
import io.facetimerouter.support.RawHttp;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class SecretsNotLoggedTest extends PipelineTest {

    @Test
    void noKeySecretOrFullPhoneNumberReachesTheLog(CapturedOutput output) {
        api.createCall("{\"handle\": \"+15551234567\"}");
        blooioCapabilitiesAnswer(status(500));
        blooioCallAnswers(status(503));
        sendblueCallAnswers(status(401));
        api.createCall("{\"handle\": \"+15551234567\"}");
        api.createCall("{\"handle\": \"john.appleseed@example.com\"}");
        new CallApi(port, "not-the-key").createCall("{\"handle\": \"+15551234567\"}");

        assertThat(output.getAll())
                .contains("blooio request 3 failed: HTTP 503")
                .doesNotContain(ProviderStubs.BLOOIO_KEY)
                .doesNotContain(ProviderStubs.SENDBLUE_KEY_ID)
                .doesNotContain(ProviderStubs.SENDBLUE_SECRET)
                .doesNotContain(API_KEY)
                .doesNotContain("5551234567")
                .doesNotContain("john.appleseed");
    }

    @Test
    void contactsInsideRequestIdsAreMaskedInTheLog(CapturedOutput output) {
        api.createCall("{\"requestId\": \"checkin:20261201T090000.000Z:+15557654321\", \"handle\": \"+15557654321\"}");
        api.createCall("{\"requestId\": \"checkin:20261201T090000.000Z:jane.appleseed@example.com\","
                + " \"handle\": \"jane.appleseed@example.com\"}");

        // the log channel's line for each outcome, written once it is delivered
        await().atMost(Duration.ofSeconds(10)).until(() -> output.getAll().contains(
                "outcome requestId=checkin:20261201T090000.000Z:+155***21 status=LINK_CREATED")
                && output.getAll().contains("outcome requestId=checkin:20261201T090000.000Z:j***@example.com status="));
        assertThat(output.getAll())
                .doesNotContain("5557654321")
                .doesNotContain("jane.appleseed");
    }

    @Test
    void aKeyInARequestTheServerRefusesInPartIsNotLogged(CapturedOutput output) {
        RawHttp.Response refusedHeader = new RawHttp(port).send("POST /api/v1/calls HTTP/1.1",
                List.of("Host: x", "Authorization: Bearer " + API_KEY + "\u0000"), new byte[0]);
        RawHttp.Response undecodableQuery = new RawHttp(port).send("GET /api/v1/calls/x?key=%zz" + API_KEY + " HTTP/1.1",
                List.of("Host: x", "Authorization: Bearer " + API_KEY), new byte[0]);

        assertThat(refusedHeader.status()).isEqualTo(400);
        assertThat(undecodableQuery.status()).isEqualTo(404);
        assertThat(output.getAll()).doesNotContain(API_KEY);
    }

    @Test
    void aClientErrorTheWebLayerAnswersWritesNoLogLine(CapturedOutput output) {
        int before = output.getAll().length();

        RawHttp.Response refused = new RawHttp(port).send("PUT /api/v1/calls HTTP/1.1",
                List.of("Host: x", "Authorization: Bearer " + API_KEY, "Content-Type: application/json"), new byte[0]);

        assertThat(refused.status()).isEqualTo(405);
        // a client can send such requests at any rate: each one logged would let it fill the disk
        assertThat(output.getAll().substring(before)).isEmpty();
    }
}
