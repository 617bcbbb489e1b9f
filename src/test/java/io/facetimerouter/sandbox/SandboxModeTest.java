package io.facetimerouter.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.facetimerouter.support.CallApi;
import io.facetimerouter.support.CallApi.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The service as it starts with nothing configured: sandbox providers, sandbox API key. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:sandbox-${random.uuid};DB_CLOSE_DELAY=-1",
                "router.kafka.enabled=false"})
class SandboxModeTest {

    @LocalServerPort
    private int port;

    @Test
    void theSeedsCurlCallGetsASandboxLink() {
        Answer answer = new CallApi(port, "sandbox").post("/v2/api/facetime/calls", "{\"handle\": \"+15551234567\"}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("success").asBoolean()).isTrue();
        assertThat(answer.text("link")).startsWith("https://facetime.apple.com/join#v=1&p=SANDBOX");
        assertThat(answer.text("handle")).isEqualTo("+15551234567");
    }

    @Test
    void everySandboxOutcomeSaysSo() {
        CallApi api = new CallApi(port, "sandbox");

        Answer linked = api.createCall("{\"handle\": \"john@example.com\"}");
        Answer notCapable = api.createCall("{\"handle\": \"+15551230000\"}");
        Answer viaSendblue = api.createCall("{\"handle\": \"+15551234567\", \"provider\": \"sendblue\"}");

        assertThat(linked.body().path("sandbox").asBoolean()).isTrue();
        assertThat(notCapable.status()).isEqualTo(422);
        assertThat(notCapable.body().path("sandbox").asBoolean()).isTrue();
        assertThat(viaSendblue.body().path("agora").path("token").asText()).startsWith("SANDBOX");
        assertThat(viaSendblue.body().path("sandbox").asBoolean()).isTrue();
    }

    @Test
    void onlyTheSandboxKeyIsAccepted() {
        Answer answer = new CallApi(port, "guess").createCall("{\"handle\": \"+15551234567\"}");

        assertThat(answer.status()).isEqualTo(401);
    }
}
