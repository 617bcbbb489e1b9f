package io.facetimerouter.capability;

import static io.facetimerouter.support.ProviderStubs.blooioCallRequests;
import static io.facetimerouter.support.ProviderStubs.blooioCapabilities;
import static org.assertj.core.api.Assertions.assertThat;

import io.facetimerouter.support.CallApi.Answer;
import io.facetimerouter.support.PipelineTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "router.capability.call-when-not-capable=true")
class CallWhenNotCapableTest extends PipelineTest {

    @Test
    void thePolicyCanCallAContactWithoutFaceTimeAnyway() {
        blooioCapabilities(false, false);

        Answer answer = api.createCall("{\"handle\": \"+15551234567\"}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("capabilities").path("facetime").asBoolean()).isFalse();
        assertThat(blooioCallRequests()).isEqualTo(1);
    }
}
