package io.facetimerouter.join;

import static org.assertj.core.api.Assertions.assertThat;

import io.facetimerouter.call.AgoraCredentials;
import io.facetimerouter.support.ProviderStubs;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JoinPageTest extends JoinPageSupport {

    @Test
    void aSendblueCallsLinkOpensAPageWithThatCallsCredentialsOnly() throws Exception {
        String path = sendblueCall("join-page-1");

        HttpResponse<String> page = fetch(path);

        AgoraCredentials agora = ledger.find("join-page-1").orElseThrow().agora();
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("\"appId\":\"" + agora.appId() + "\"", "\"channel\":\"" + agora.channelName() + "\"",
                "\"token\":\"" + agora.token() + "\"", "src=\"" + ProviderStubs.blooio().baseUrl() + SDK_PATH + "\"");
        assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'nonce-", ProviderStubs.blooio().baseUrl());
    }

    @Test
    void anExpiredTokenGetsTheExpiredPage() throws Exception {
        sendblueCall("join-page-expired");

        HttpResponse<String> page = fetch("/join/" + tokens.issue("join-page-expired", Instant.now().minusSeconds(1)));

        assertThat(page.statusCode()).isEqualTo(410);
        assertThat(page.body()).contains("This call link has expired.").doesNotContain("\"token\"");
    }

    @Test
    void aForgedOrAlteredTokenGetsNotFound() throws Exception {
        String path = sendblueCall("join-page-forged");
        String token = path.substring("/join/".length());
        String[] parts = token.split("\\.");
        String otherCall = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("join-page-1".getBytes());

        List<HttpResponse<String>> pages = List.of(
                fetch("/join/" + otherCall + "." + parts[1] + "." + parts[2]),
                fetch("/join/" + parts[0] + "." + (Long.parseLong(parts[1]) + 3600) + "." + parts[2]),
                fetch("/join/not-a-token"));

        assertThat(pages).allSatisfy(page -> {
            assertThat(page.statusCode()).isEqualTo(404);
            assertThat(page.body()).contains("This call link is not valid.").doesNotContain("\"token\"");
        });
    }
}
