package io.facetimerouter.capability;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.facetimerouter.support.ProviderStubs.blooio;
import static io.facetimerouter.support.ProviderStubs.blooioCallRequests;
import static io.facetimerouter.support.ProviderStubs.blooioCapabilities;
import static io.facetimerouter.support.ProviderStubs.blooioCapabilitiesAnswer;
import static io.facetimerouter.support.ProviderStubs.blooioLookups;
import static io.facetimerouter.support.ProviderStubs.sendblueCallRequests;
import static io.facetimerouter.support.ProviderStubs.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.facetimerouter.support.CallApi.Answer;
import io.facetimerouter.support.PipelineTest;
import org.junit.jupiter.api.Test;

class CapabilityCheckTest extends PipelineTest {

    @Test
    void aPhoneLookupSendsThePlusAsPercent2B() {
        api.createCall("{\"handle\": \"+15551234567\"}");

        blooio().verify(1, getRequestedFor(urlEqualTo("/v2/api/contacts/%2B15551234567/capabilities"))
                .withHeader("Authorization", equalTo("Bearer " + io.facetimerouter.support.ProviderStubs.BLOOIO_KEY)));
    }

    @Test
    void anEmailLookupIsUrlEncoded() {
        api.createCall("{\"handle\": \"John@Example.com\"}");

        blooio().verify(1, getRequestedFor(urlEqualTo("/v2/api/contacts/john%40example.com/capabilities")));
    }

    @Test
    void theCapabilitiesAreInTheOutcome() {
        Answer answer = api.createCall("{\"handle\": \"+15551234567\"}");

        assertThat(answer.body().path("capabilities").path("known").asBoolean()).isTrue();
        assertThat(answer.body().path("capabilities").path("facetime").asBoolean()).isTrue();
        assertThat(answer.body().path("capabilities").path("source").asText()).isEqualTo("blooio");
        assertThat(answer.body().path("capabilities").path("cached").asBoolean()).isFalse();
    }

    @Test
    void aSecondCallToTheSameContactIsAnsweredFromTheCache() {
        api.createCall("{\"handle\": \"+15551234567\"}");

        Answer second = api.createCall("{\"handle\": \"+1 555 123 4567\"}");

        assertThat(blooioLookups()).isEqualTo(1);
        assertThat(blooioCallRequests()).isEqualTo(2);
        assertThat(second.body().path("capabilities").path("cached").asBoolean()).isTrue();
    }

    @Test
    void aContactWithoutFaceTimeIsNotCalled() {
        blooioCapabilities(false, false);

        Answer answer = api.createCall("{\"handle\": \"+15551234567\"}");

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.text("status")).isEqualTo("NOT_FACETIME_CAPABLE");
        assertThat(answer.body().path("attempts")).isEmpty();
        assertThat(blooioCallRequests()).isZero();
        assertThat(sendblueCallRequests()).isZero();
    }

    @Test
    void withoutAFaceTimeFlagAnIMessageContactCountsAsCapable() {
        blooioCapabilitiesAnswer(okJson("{\"contact\": \"+15551234567\", \"type\": \"phone\","
                + " \"capabilities\": {\"imessage\": true, \"sms\": true}, \"last_checked\": 1703123457000}"));

        Answer answer = api.createCall("{\"handle\": \"+15551234567\"}");

        assertThat(answer.text("status")).isEqualTo("LINK_CREATED");
        assertThat(answer.body().path("capabilities").path("facetime").asBoolean()).isTrue();
    }

    @Test
    void aFailedLookupIsNotRetriedAndTheCallGoesAheadAsUnknown() {
        blooioCapabilitiesAnswer(status(500));

        Answer answer = api.createCall("{\"handle\": \"+15551234567\"}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("capabilities").path("known").asBoolean()).isFalse();
        assertThat(answer.body().path("capabilities").path("reason").asText()).isEqualTo("lookup failed: HTTP 500");
        assertThat(blooioLookups()).isEqualTo(1);
        assertThat(blooioCallRequests()).isEqualTo(1);
    }

    @Test
    void aTimedOutLookupLetsTheCallGoAheadAsUnknown() {
        blooioCapabilitiesAnswer(okJson("{}").withFixedDelay(1500));

        Answer answer = api.createCall("{\"handle\": \"+15551234567\"}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("capabilities").path("reason").asText()).isEqualTo("lookup failed: timeout");
    }

    @Test
    void aFailedLookupIsNotCached() {
        blooioCapabilitiesAnswer(status(503));
        api.createCall("{\"handle\": \"+15551234567\"}");
        blooioCapabilities(true, true);

        Answer second = api.createCall("{\"handle\": \"+15551234567\"}");

        assertThat(blooioLookups()).isEqualTo(2);
        assertThat(second.body().path("capabilities").path("known").asBoolean()).isTrue();
    }
}
