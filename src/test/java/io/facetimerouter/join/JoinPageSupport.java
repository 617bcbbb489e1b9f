package io.facetimerouter.join;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.facetimerouter.ledger.CallLedger;
import io.facetimerouter.support.ChannelsTest;
import io.facetimerouter.support.ProviderStubs;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.springframework.beans.factory.annotation.Autowired;

/** Sendblue calls and their join links, fetched over HTTP, with a stub of the Agora SDK to load. */
abstract class JoinPageSupport extends ChannelsTest {

    @Autowired
    protected CallLedger ledger;

    @Autowired
    protected JoinTokens tokens;

    private final HttpClient http = HttpClient.newHttpClient();

    /** Starts a Sendblue call and answers the path of its join link. */
    protected String sendblueCall(String requestId) {
        var answer = api.createCall("{\"requestId\": \"" + requestId + "\", \"handle\": \"+14155550123\","
                + " \"provider\": \"sendblue\"}");
        assertThat(answer.status()).isEqualTo(200);
        return URI.create(answer.text("link")).getPath();
    }

    protected HttpResponse<String> fetch(String path) throws IOException, InterruptedException {
        // what a browser asks for; other clients get the errors in JSON
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    protected static void serveStubSdk() {
        ProviderStubs.blooio().stubFor(get(urlEqualTo(SDK_PATH)).willReturn(aResponse()
                .withHeader("Content-Type", "application/javascript")
                .withBody("""
                        window.__agoraJoins = [];
                        window.__published = [];
                        window.AgoraRTC = {
                          createClient: function (config) {
                            window.__clientConfig = config;
                            return {
                              on: function () {},
                              join: function (appId, channel, token, uid) {
                                window.__agoraJoins.push([appId, channel, token, uid]);
                                return Promise.resolve(uid);
                              },
                              publish: function (tracks) { window.__published.push(tracks.length); return Promise.resolve(); },
                              subscribe: function () { return Promise.resolve(); },
                              leave: function () { return Promise.resolve(); }
                            };
                          },
                          createMicrophoneAudioTrack: function () { return Promise.resolve({ close: function () {} }); }
                        };
                        """)));
    }
}
