package io.facetimerouter.trigger.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.facetimerouter.support.ProviderStubs.BLOOIO_CALLS;
import static io.facetimerouter.support.ProviderStubs.SENDBLUE_CALLS;
import static io.facetimerouter.support.ProviderStubs.blooio;
import static io.facetimerouter.support.ProviderStubs.sendblue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.facetimerouter.ledger.CallLedger;
import io.facetimerouter.support.CallApi.Answer;
import io.facetimerouter.support.ChannelsTest;
import io.facetimerouter.support.ProviderStubs;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class MessagingWebhooksTest extends ChannelsTest {

    @Autowired
    private CallLedger ledger;

    @Test
    void aSignedCallMeMessageCallsItsSender() {
        String body = blooioMessage("msg_call_1", "+14155550123", " call  me ");

        Answer answer = postBlooio(body, blooioSignature(Instant.now().getEpochSecond(), body));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text("requestId")).isEqualTo("blooio:msg_call_1");
        await().until(() -> ledger.find("blooio:msg_call_1").isPresent());
        assertThat(ledger.find("blooio:msg_call_1").get().link()).isEqualTo(ProviderStubs.LINK);
        blooio().verify(1, postRequestedFor(urlEqualTo(BLOOIO_CALLS))
                .withRequestBody(equalToJson("{\"handle\": \"+14155550123\"}")));
    }

    @Test
    void aReplayedMessageNeverCallsTwice() {
        String body = blooioMessage("msg_replay_1", "+14155550123", "CALL ME");
        postBlooio(body, blooioSignature(Instant.now().getEpochSecond(), body));
        await().until(() -> ledger.find("blooio:msg_replay_1").isPresent());

        Answer replay = send(request("/webhooks/blooio", body)
                .header("X-Blooio-Signature", blooioSignature(Instant.now().getEpochSecond(), body))
                .header("X-Blooio-Replay", "true").build());

        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.text("requestId")).isEqualTo("blooio:msg_replay_1");
        await().untilAsserted(() -> assertThat(ProviderStubs.blooioCallRequests()).isEqualTo(1));
    }

    @Test
    void aBadSignatureIsRefused() {
        String body = blooioMessage("msg_bad_1", "+14155550123", "CALL ME");
        String forged = blooioSignature(Instant.now().getEpochSecond(), body.replace("14155550123", "14155550999"));

        Answer answer = postBlooio(body, forged);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.text("error")).isEqualTo("unauthorized");
        assertThat(answer.text("message")).isEqualTo("The X-Blooio-Signature does not match the body");
        assertThat(ledger.find("blooio:msg_bad_1")).isEmpty();
    }

    @Test
    void aSignatureOlderThanFiveMinutesIsRefused() {
        String body = blooioMessage("msg_old_1", "+14155550123", "CALL ME");

        Answer answer = postBlooio(body, blooioSignature(Instant.now().minusSeconds(301).getEpochSecond(), body));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.text("message")).isEqualTo("The X-Blooio-Signature timestamp is more than 5 minutes from now");
    }

    @Test
    void aMissingSignatureIsRefused() {
        Answer answer = send(request("/webhooks/blooio", blooioMessage("msg_none_1", "+14155550123", "CALL ME")).build());

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.text("message")).isEqualTo("Missing X-Blooio-Signature header");
        assertThat(ProviderStubs.blooioCallRequests()).isZero();
    }

    @Test
    void otherEventsAndOtherTextsAreAcknowledgedAndIgnored() {
        String delivered = "{\"event\": \"message.delivered\", \"message_id\": \"msg_d_1\", \"external_id\": \"+14155550123\"}";
        String chatter = blooioMessage("msg_chat_1", "+14155550123", "call me maybe");

        Answer first = postBlooio(delivered, blooioSignature(Instant.now().getEpochSecond(), delivered));
        Answer second = postBlooio(chatter, blooioSignature(Instant.now().getEpochSecond(), chatter));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.text("ignored")).isEqualTo("event message.delivered does not start calls");
        assertThat(second.text("ignored")).isEqualTo("the message is not the call keyword");
        assertThat(ProviderStubs.blooioCallRequests()).isZero();
    }

    @Test
    void anEventWithoutATypeIsAcknowledgedAndIgnoredSayingSo() {
        String untyped = "{\"message_id\": \"msg_u_1\", \"external_id\": \"+14155550123\", \"text\": \"call me\"}";

        Answer answer = postBlooio(untyped, blooioSignature(Instant.now().getEpochSecond(), untyped));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text("ignored")).isEqualTo("an event without a type does not start calls");
        assertThat(ProviderStubs.blooioCallRequests()).isZero();
    }

    @Test
    void aSendblueMessageWithTheSharedSecretCallsItsNumber() {
        ProviderStubs.blooioCallAnswers(aResponse().withStatus(501));
        String body = "{\"content\": \"Call me\", \"number\": \"+14155550123\", \"is_outbound\": false,"
                + " \"message_handle\": \"sb-msg-1\"}";

        Answer answer = send(request("/webhooks/sendblue", body).header("sb-signing-secret", SENDBLUE_INBOUND_SECRET).build());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text("requestId")).isEqualTo("sendblue:sb-msg-1");
        await().until(() -> ledger.find("sendblue:sb-msg-1").isPresent());
        sendblue().verify(1, postRequestedFor(urlEqualTo(SENDBLUE_CALLS)));
    }

    @Test
    void aWrongOrMissingSendblueSecretIsRefused() {
        String body = "{\"content\": \"CALL ME\", \"number\": \"+14155550123\", \"message_handle\": \"sb-msg-2\"}";

        Answer wrong = send(request("/webhooks/sendblue", body).header("sb-signing-secret", "guess").build());
        Answer missing = send(request("/webhooks/sendblue", body).build());

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(ledger.find("sendblue:sb-msg-2")).isEmpty();
    }

    private static String blooioMessage(String messageId, String sender, String text) {
        return "{\"event\": \"message.received\", \"message_id\": \"" + messageId + "\", \"external_id\": \"" + sender
                + "\", \"protocol\": \"imessage\", \"timestamp\": 1766000000000, \"text\": \"" + text + "\"}";
    }

    private Answer postBlooio(String body, String signature) {
        return send(request("/webhooks/blooio", body).header("X-Blooio-Signature", signature).build());
    }

    private HttpRequest.Builder request(String path, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private Answer send(HttpRequest request) {
        return api.send(request);
    }
}
