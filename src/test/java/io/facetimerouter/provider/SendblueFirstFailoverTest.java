package io.facetimerouter.provider;

import static io.facetimerouter.support.ProviderStubs.blooioCallRequests;
import static io.facetimerouter.support.ProviderStubs.sendblueCallAnswers;
import static io.facetimerouter.support.ProviderStubs.sendblueCallRequests;
import static io.facetimerouter.support.ProviderStubs.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.facetimerouter.support.CallApi.Answer;
import io.facetimerouter.support.PipelineTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "router.providers.order=sendblue,blooio")
class SendblueFirstFailoverTest extends PipelineTest {

    @Test
    void theConfiguredOrderIsTried() {
        Answer answer = api.createCall("{\"handle\": \"+15551234567\"}");

        assertThat(answer.text("provider")).isEqualTo("sendblue");
        assertThat(blooioCallRequests()).isZero();
    }

    @Test
    void aFailingSendblueFailsOverToBlooio() {
        sendblueCallAnswers(status(500));

        Answer answer = api.createCall("{\"handle\": \"+15551234567\"}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text("provider")).isEqualTo("blooio");
        assertThat(sendblueCallRequests()).isEqualTo(3);
        assertThat(blooioCallRequests()).isEqualTo(1);
    }
}
