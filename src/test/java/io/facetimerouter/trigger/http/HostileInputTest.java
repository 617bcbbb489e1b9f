package io.facetimerouter.trigger.http;

import static io.facetimerouter.support.ProviderStubs.blooio;
import static io.facetimerouter.support.ProviderStubs.sendblue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facetimerouter.support.ChannelsTest;
import io.facetimerouter.support.RawHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Thousands of generated hostile requests over every endpoint, from a seeded generator (set
 * {@code -Dhostile.seed=N} to replay a run): odd methods, paths, encodings, query parameters named
 * like credentials or response headers, header injections, broken bodies. No answer may be a 5xx, every
 * error must be the JSON error shape, nothing but the Authorization header may authenticate, no
 * signature may come from a query, no request value may come back as a response header, and no
 * rejected request may reach a provider. A valid call is answered afterwards.
 */
class HostileInputTest extends ChannelsTest {

    private static final int REQUESTS = Integer.getInteger("hostile.requests", 5_200);
    private static final String MARK = "hostile-mark-5e1";
    /** A disabled campaign with an uploaded audience: its endpoints answer more than 404, and it never calls. */
    private static final String TARGET = "hostile-target";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every response header name the service may send; anything else was reflected from the request. */
    private static final Set<String> RESPONSE_HEADERS = Set.of("content-type", "content-length", "transfer-encoding",
            "date", "connection", "allow", "vary", "keep-alive", "cache-control", "referrer-policy",
            "x-content-type-options", "x-robots-tag", "content-security-policy",
            // fixed values Spring MVC adds: the media types a 415 takes, and what OPTIONS allows
            "accept", "accept-patch");

    private final String[][] endpoints = {
            {"POST", "/api/v1/calls"}, {"GET", "/api/v1/calls/{x}"}, {"GET", "/api/v1/campaigns"},
            {"GET", "/api/v1/campaigns/{x}"}, {"PUT", "/api/v1/campaigns/{x}"}, {"DELETE", "/api/v1/campaigns/{x}"},
            {"GET", "/api/v1/campaigns/{x}/runs"}, {"POST", "/api/v1/campaigns/{x}/runs"},
            {"PUT", "/api/v1/campaigns/{x}/audience"}, {"GET", "/api/v1/webhooks"}, {"POST", "/webhooks/blooio"},
            {"POST", "/webhooks/sendblue"}, {"GET", "/join/{x}"}, {"POST", "/v2/api/facetime/calls"},
            {"GET", "/api/v1/openapi.json"}, {"GET", "/api/v1/docs"},
            {"GET", "/actuator/health"}, {"GET", "/actuator/health/{x}"},
            {"GET", "/actuator/prometheus"}, {"GET", "/actuator/{x}"}, {"GET", "/{x}"}};
    private final String[] methods = {"GET", "POST", "PUT", "DELETE", "PATCH", "TRACE", "OPTIONS", "HEAD", "FOO",
            "CONNECT", "PROPFIND"};
    private final String[] segments = {"abc", "a%2Fb", "a%00b", "%zz", "..", "%2e%2e", "a;b", "order%3A1", "%C3%A9",
            "%FF", "<script>", "a%20b", "Camel", "%252F", "+", "*", "x".repeat(300), "a\u0001b", "\u00e9", "%0d%0aX: y",
            "campaign-%00", "..%2F..%2Fetc%2Fpasswd", "a%5Cb", "%u0041", "a;jsessionid=1", "/", "", "a?b#c",
            TARGET, TARGET, TARGET};
    private final String[] callBodies = {"", "null", "[]", "\"text\"", "12", "{", "{}", "{\"handle\": null}",
            "{\"handle\": \"12\"}", "{\"handle\": \"<script>\", \"notify\": [null]}", "{\"handle\": 5}",
            "{\"handle\": \"not-a-phone\", \"metadata\": {\"a\": null}}", "{\"handle\": \"a@b\", \"notify\": \"log\"}",
            "{\"handle\": \"x\", \"requestId\": \"a/b\"}", "{\"handle\": \"\\u0000\"}", "{\"handle\": [\"+15551234567\"]}",
            "[".repeat(5000), "{\"handle\": \"" + "9".repeat(5000) + "\"}", "{\"handle\": \"+1555\", \"provider\": {}}",
            "{\"handle\": \"@@\", \"metadata\": [1, 2]}", "{\"handle\": \"+0\", \"unknown\": true}", "\u00ff\u00fe"};
    private final String[] campaignBodies = {"", "null", "[]", "{}", "\"x\"", "{\"cron\": 5}",
            "{\"cron\": \"0 0 9 1 1 ? 2020\", \"audience\": {\"type\": \"inline\", \"contacts\": [{\"handle\": \"+15551234567\"}]}}",
            "{\"cron\": \"* * * * * ?\", \"audience\": {\"type\": \"csv\", \"file\": \"/etc/passwd\"}}",
            "{\"cron\": \"0 0 9 * * ?\", \"audience\": {\"type\": \"inline\", \"contacts\": [null]}}",
            "{\"cron\": \"0 0 9 * * ?\", \"timeZone\": \"Mars/Olympus\", \"audience\": {\"type\": \"uploaded\"}}",
            "{\"cron\": \"0 0 9 * * ?\", \"audience\": {\"type\": \"uploaded\"}, \"ratePerMinute\": \"fast\"}",
            "{\"cron\": \"0 0 9 * * ?\", \"audience\": {\"type\": \"uploaded\"}, \"deadline\": \"9999999999d\"}",
            "{\"cron\": \"0 0 9 * * ? 2020-2021\", \"audience\": {\"type\": \"blooio-contacts\"}}",
            "{\"cron\": null, \"audience\": null}", "{\"id\": \"other\"}", "{\"cron\": \"0 0 9 * * ?\", \"audience\": {\"type\": \"inline\", \"contacts\": [{\"handle\": \"+15551234567\", \"metadata\": {\"a\": null}}]}}"};
    private final String[] csvBodies = {"", "handle\n+15551234567\n", "\"unterminated\n", "name\nAda\n",
            "handle," + "x".repeat(5000) + "\n", "\u0000\u0001", "handle\n\"" + ("z".repeat(4000) + "\n").repeat(3) + "\"\n"};

    @Test
    void generatedHostileRequestsGetJsonClientErrorsAndReachNoProvider() throws Exception {
        long seed = Long.getLong("hostile.seed", 20261201L);
        Random random = new Random(seed);
        RawHttp http = new RawHttp(port);
        List<String> problems = new ArrayList<>();
        assertThat(api.send(api.request("/api/v1/campaigns/" + TARGET).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"cron\": \"0 0 9 * * ?\", \"enabled\": false,"
                        + " \"audience\": {\"type\": \"uploaded\"}}")).build()).status()).isEqualTo(200);

        for (int i = 0; i < REQUESTS; i++) {
            Generated request = generate(random, i);
            RawHttp.Response response;
            try {
                response = http.send(request.requestLine(), request.headers(), request.body());
            } catch (IllegalStateException noAnswer) {
                problems.add("#" + request.number() + " " + request.requestLine().replaceAll("[^\\x20-\\x7e]", "?") + " "
                        + request.headers() + ": " + noAnswer.getMessage());
                continue;
            }
            problemsOf(request, response).forEach(problem -> problems.add("#" + request.number() + " "
                    + request.requestLine().replaceAll("[^\\x20-\\x7e]", "?") + " " + request.headers() + ": " + problem));
        }

        assertThat(problems).as("seed " + seed).isEmpty();
        assertThat(blooio().getAllServeEvents()).as("provider requests (seed " + seed + ")").isEmpty();
        assertThat(sendblue().getAllServeEvents()).as("provider requests (seed " + seed + ")").isEmpty();

        var valid = api.createCall("{\"handle\": \"+15551234567\", \"requestId\": \"after-hostile-1\"}");
        assertThat(valid.status()).isEqualTo(200);
        assertThat(valid.text("status")).isEqualTo("LINK_CREATED");
        assertThat(io.facetimerouter.support.ProviderStubs.blooioCallRequests()).isEqualTo(1);
    }

    private record Generated(int number, String method, String path, boolean keyInHeader, boolean credentialInQuery,
                             String requestLine, List<String> headers, byte[] body) {
    }

    private Generated generate(Random random, int number) throws Exception {
        String[] endpoint = endpoints[random.nextInt(endpoints.length)];
        String method = random.nextInt(10) < 7 ? endpoint[0] : methods[random.nextInt(methods.length)];
        String path = endpoint[1].replace("{x}", segments[random.nextInt(segments.length)]);
        String body = bodyFor(random, endpoint[1]);
        List<String> query = new ArrayList<>();
        boolean credentialInQuery = false;
        int queryCount = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(3);
        for (int q = 0; q < queryCount; q++) {
            switch (random.nextInt(12)) {
                case 0 -> { query.add("Authorization=" + encode("Bearer " + API_KEY)); credentialInQuery = true; }
                case 1 -> { query.add("AUTHORIZATION=" + encode("Bearer " + API_KEY)); credentialInQuery = true; }
                case 2 -> { query.add("sb-signing-secret=" + encode(SENDBLUE_INBOUND_SECRET)); credentialInQuery = true; }
                case 3 -> { query.add("X-Blooio-Signature=" + encode(blooioSignature(Instant.now().getEpochSecond(), body))); credentialInQuery = true; }
                case 4 -> query.add("Set-Cookie=" + MARK);
                case 5 -> query.add("Location=" + encode("http://" + MARK));
                case 6 -> query.add("Access-Control-Allow-Origin=" + MARK);
                case 7 -> query.add("CamelHttpResponseCode=200");
                case 8 -> query.add("camelHttpResponseCode=201");
                case 9 -> query.add("Idempotency-Key=" + MARK);
                case 10 -> query.add("requestId=" + MARK + "&id=" + MARK);
                default -> query.add("X-Marker=" + MARK);
            }
        }
        String target = query.isEmpty() ? path : path + "?" + String.join("&", query);
        String version = random.nextInt(40) == 0 ? List.of("HTTP/3.0", "HTTP/1.7", "HTTP/1.0", "HTTP/2").get(random.nextInt(4))
                : "HTTP/1.1";
        if (random.nextInt(60) == 0) {
            target = (random.nextBoolean() ? "http://" + MARK : "//") + target;
        }

        List<String> headers = new ArrayList<>();
        headers.add("Host: 127.0.0.1");
        boolean keyInHeader = false;
        switch (random.nextInt(5)) {
            case 0 -> { headers.add("Authorization: Bearer " + API_KEY); keyInHeader = true; }
            case 1 -> { headers.add("AUTHORIZATION: Bearer " + API_KEY); keyInHeader = true; }
            case 2 -> headers.add("Authorization: Bearer wrong-" + MARK);
            case 3 -> headers.add("Authorization: " + API_KEY);
            default -> {
                // no credentials at all
            }
        }
        int extra = random.nextInt(4);
        boolean lengthWritten = false;
        for (int h = 0; h < extra; h++) {
            switch (random.nextInt(20)) {
                case 0 -> headers.add("X-Marker: " + MARK);
                case 1 -> headers.add("CamelHttpResponseCode: 299");
                case 2 -> headers.add("camelhttpresponsecode: 298");
                case 3 -> headers.add("CamelHttpUri: /" + MARK);
                case 4 -> headers.add("Content-Type: " + List.of("text/csv", "text/plain", "application/xml",
                        "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", MARK).get(random.nextInt(6)));
                case 5 -> headers.add("Expect: " + (random.nextBoolean() ? "100-continue" : MARK));
                case 6 -> headers.add("Bad Header: " + MARK);
                case 7 -> headers.add("X-Control: a\u0001b");
                case 8 -> headers.add("X-Long: " + "y".repeat(9000));
                case 9 -> { headers.add("Content-Length: " + List.of("-1", "abc", "99999999999").get(random.nextInt(3))); lengthWritten = true; }
                case 10 -> headers.add("Set-Cookie: " + MARK);
                case 11 -> headers.add("Origin: http://" + MARK);
                case 12 -> headers.add("Idempotency-Key: " + List.of(MARK, "a/b", "", "x".repeat(200)).get(random.nextInt(4)));
                case 13 -> headers.add("X-Blooio-Signature: t=" + Instant.now().getEpochSecond() + ",v1=" + MARK);
                case 14 -> headers.add("Transfer-Encoding: " + List.of("foo", "gzip, chunked", "chunked, chunked").get(random.nextInt(3)));
                case 15 -> headers.add("Content-Type: application/json; charset=" + List.of("bogus", "utf-16", "x\"y").get(random.nextInt(3)));
                case 16 -> headers.add("Accept: " + List.of("image/png", "text/html", "*/*;q=x", "").get(random.nextInt(4)));
                case 17 -> headers.add("Host: second.example");
                case 18 -> headers.add("Content-Encoding: gzip");
                default -> headers.add("X-Bin: \u00ff\u00fe");
            }
        }
        if (headers.stream().noneMatch(h -> h.toLowerCase(Locale.ROOT).startsWith("content-type"))) {
            headers.add(endpoint[1].endsWith("/audience") ? "Content-Type: text/csv" : "Content-Type: application/json");
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (!lengthWritten) {
            headers.add("Content-Length: " + bytes.length);
        }
        return new Generated(number, method, path, keyInHeader, credentialInQuery, method + " " + target + " " + version,
                headers, bytes);
    }

    private String bodyFor(Random random, String path) {
        if (path.startsWith("/api/v1/campaigns/{x}/audience")) {
            return csvBodies[random.nextInt(csvBodies.length)];
        }
        if (path.startsWith("/api/v1/campaigns")) {
            return campaignBodies[random.nextInt(campaignBodies.length)];
        }
        if (path.startsWith("/webhooks")) {
            // a keyword message from a sender that must never be called: only a forged signature would place it
            return random.nextBoolean() ? "{\"event\": \"message.received\", \"message_id\": \"hostile-" + random.nextInt(50)
                    + "\", \"external_id\": \"+15557654321\", \"text\": \"CALL ME\", \"content\": \"CALL ME\","
                    + " \"number\": \"+15557654321\"}" : callBodies[random.nextInt(callBodies.length)];
        }
        return callBodies[random.nextInt(callBodies.length)];
    }

    private List<String> problemsOf(Generated request, RawHttp.Response response) {
        List<String> problems = new ArrayList<>();
        if (response.status() >= 500) {
            problems.add("answered " + response.status() + " " + response.body());
        }
        for (String[] header : response.headers()) {
            String name = header[0].toLowerCase(Locale.ROOT);
            if (!RESPONSE_HEADERS.contains(name) || header[1].contains(MARK) || header[1].contains(API_KEY)) {
                problems.add("response header " + header[0] + ": " + header[1]);
            }
        }
        // the join page's own 404 and 410 pages, for a browser that asks for HTML, are pages by design
        boolean browserAskingForJoinPage = "GET".equals(request.method()) && request.path().startsWith("/join/")
                && request.headers().contains("Accept: text/html")
                && String.valueOf(response.header("Content-Type")).startsWith("text/html");
        if (response.status() >= 400 && !"HEAD".equals(request.method()) && !browserAskingForJoinPage) {
            problems.addAll(errorShapeProblems(response));
        }
        boolean authenticatedEndpoint = request.path().startsWith("/api/v1/") && !request.path().startsWith("/api/v1/openapi")
                && !request.path().startsWith("/api/v1/docs")
                || request.path().startsWith("/v2/api/")
                // the actuator asks for the key except for health; a path that reaches metrics around the check shows here
                || request.path().startsWith("/actuator") && !request.path().startsWith("/actuator/health");
        // metrics reached without the key, whatever path led there (../, ;params, escapes)
        if (!request.keyInHeader() && response.status() == 200 && response.body().contains("# HELP")) {
            problems.add("metrics served without an Authorization header");
        }
        if (authenticatedEndpoint && !request.keyInHeader() && response.status() < 400
                && !"OPTIONS".equals(request.method())) {
            problems.add("authenticated without an Authorization header: " + response.status());
        }
        if (request.path().startsWith("/webhooks/") && request.credentialInQuery() && response.status() == 200
                && response.body().contains("requestId")) {
            problems.add("a webhook accepted a signature from the query");
        }
        return problems;
    }

    private static List<String> errorShapeProblems(RawHttp.Response response) {
        String type = response.header("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            return List.of("error with Content-Type " + type + ": " + abbreviate(response.body()));
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            // a call answered with its outcome (REJECTED, ...) is documented as the CallOutcome, its error inside
            boolean outcome = body.path("requestId").isTextual() && body.path("error").path("code").isTextual()
                    && body.path("error").path("message").isTextual();
            boolean shaped = outcome || body.path("error").isTextual() && body.path("message").isTextual()
                    && body.path("status").asInt() == response.status();
            return shaped ? List.of() : List.of("error body not {error, message, status}: " + abbreviate(response.body()));
        } catch (Exception e) {
            return List.of("error body not JSON: " + abbreviate(response.body()));
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
