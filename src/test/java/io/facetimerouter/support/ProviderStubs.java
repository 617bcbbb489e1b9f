package io.facetimerouter.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/**
 * WireMock stand-ins for Blooio and Sendblue, following their public API documents. One server per
 * provider, started once per test JVM, so request counts are per provider.
 */
public final class ProviderStubs {

    public static final String BLOOIO_KEY = "blooio-test-key-51c0e2";
    public static final String SENDBLUE_KEY_ID = "sb-key-id-9d41";
    public static final String SENDBLUE_SECRET = "sb-secret-e7a204b8";
    public static final String LINE_1 = "+18885550199";
    public static final String LINE_2 = "+18885550200";
    public static final String LINK = "https://facetime.apple.com/join#v=1&p=AbCdEf123&k=XyZ987";

    public static final String BLOOIO_CALLS = "/v2/api/facetime/calls";
    public static final String SENDBLUE_CALLS = "/facetime/start-call";

    private static final WireMockServer BLOOIO = start();
    private static final WireMockServer SENDBLUE = start();

    private ProviderStubs() {
    }

    public static WireMockServer blooio() {
        return BLOOIO;
    }

    public static WireMockServer sendblue() {
        return SENDBLUE;
    }

    public static void reset() {
        HeldAnswers.reset();
        BLOOIO.resetAll();
        SENDBLUE.resetAll();
    }

    /** Blooio's link for this handle is held until {@link HeldAnswers#release}: the call stays in flight. */
    public static void blooioHoldsLinksFor(String handle) {
        BLOOIO.stubFor(post(urlEqualTo(BLOOIO_CALLS)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.handle", equalTo(handle)))
                .willReturn(okJson("{\"success\": true, \"link\": \"" + LINK + "\", \"handle\": \"" + handle + "\"}")
                        .withTransformers(HeldAnswers.NAME)));
    }

    public static void blooioCallAnswers(ResponseDefinitionBuilder response) {
        BLOOIO.stubFor(post(urlEqualTo(BLOOIO_CALLS)).willReturn(response));
    }

    public static void blooioCreatesLinks() {
        blooioCallAnswers(okJson("{\"success\": true, \"link\": \"" + LINK + "\", \"handle\": \"+15551234567\"}"));
    }

    public static void sendblueCallAnswers(ResponseDefinitionBuilder response) {
        SENDBLUE.stubFor(post(urlEqualTo(SENDBLUE_CALLS)).willReturn(response));
    }

    public static void sendblueStartsCalls() {
        sendblueCallAnswers(okJson("""
                {"status": "OK", "message": "Call started",
                 "agora": {"appId": "a1b2c3d4e5f6789012345678abcdef90", "channelName": "ft_call_9f8e7d6c5b4a3210",
                           "token": "007eJxTYDhw4MCBAwcOHDhw4MCB", "uid": 0}}"""));
    }

    /** Blooio's capability answer for every contact. */
    public static void blooioCapabilities(boolean imessage, boolean facetime) {
        BLOOIO.stubFor(get(urlPathMatching("/v2/api/contacts/.+/capabilities")).willReturn(okJson(
                "{\"contact\": \"+15551234567\", \"type\": \"phone\", \"capabilities\": {\"imessage\": " + imessage
                        + ", \"sms\": true, \"facetime\": " + facetime + "}, \"last_checked\": 1703123457000}")));
    }

    public static void blooioCapabilitiesAnswer(ResponseDefinitionBuilder response) {
        BLOOIO.stubFor(get(urlPathMatching("/v2/api/contacts/.+/capabilities")).willReturn(response));
    }

    public static void sendblueEvaluates(String service) {
        SENDBLUE.stubFor(get(urlPathEqualTo("/api/evaluate-service"))
                .willReturn(okJson("{\"number\": \"+15551234567\", \"service\": \"" + service + "\"}")));
    }

    public static int blooioCallRequests() {
        return BLOOIO.countRequestsMatching(postRequestedFor(urlEqualTo(BLOOIO_CALLS)).build()).getCount();
    }

    /** When the Blooio stub received each call request, earliest first. */
    public static java.util.List<java.time.Instant> blooioCallRequestTimes() {
        return BLOOIO.findAll(postRequestedFor(urlEqualTo(BLOOIO_CALLS))).stream()
                .map(request -> request.getLoggedDate().toInstant()).sorted().toList();
    }

    /** Blooio call requests for one handle: unaffected by a late request of an earlier test for another. */
    public static int blooioCallRequestsFor(String handle) {
        return BLOOIO.countRequestsMatching(postRequestedFor(urlEqualTo(BLOOIO_CALLS))
                .withRequestBody(matchingJsonPath("$.handle", equalTo(handle))).build()).getCount();
    }

    /** Blooio call requests by the handle they were for, read once from the stub's journal. */
    public static java.util.Map<String, Long> blooioCallRequestsByHandle() {
        return BLOOIO.findAll(postRequestedFor(urlEqualTo(BLOOIO_CALLS))).stream()
                .map(request -> com.jayway.jsonpath.JsonPath.<String>read(request.getBodyAsString(), "$.handle"))
                .collect(java.util.stream.Collectors.groupingBy(handle -> handle, java.util.stream.Collectors.counting()));
    }

    public static int sendblueCallRequests() {
        return SENDBLUE.countRequestsMatching(postRequestedFor(urlEqualTo(SENDBLUE_CALLS)).build()).getCount();
    }

    public static int blooioLookups() {
        return BLOOIO.countRequestsMatching(getRequestedFor(urlPathMatching("/v2/api/contacts/.+")).build()).getCount();
    }

    public static ResponseDefinitionBuilder status(int status) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\": \"error\", \"message\": \"stubbed " + status + "\", \"status\": " + status + "}");
    }

    private static WireMockServer start() {
        // threads enough for every call a test holds in flight at once
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
                .containerThreads(100).extensions(new HeldAnswers()));
        server.start();
        return server;
    }
}
