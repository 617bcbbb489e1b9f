package io.facetimerouter.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Stands in for Blooio and Sendblue when no credentials are configured: a loopback HTTP server
 * that speaks both providers' contracts (paths, authentication headers, bodies, error statuses), so
 * the adapters run exactly as they would live. Every contact is FaceTime-capable except phone
 * numbers ending in 0000, which behave as SMS-only, so that outcome can be tried too.
 */
public final class ProviderSandbox implements AutoCloseable {

    static final String BLOOIO_PATH = "/blooio/v2/api";
    static final String SENDBLUE_PATH = "/sendblue";
    private static final String SMS_ONLY_SUFFIX = "0000";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Set<String> idempotencyKeys = ConcurrentHashMap.newKeySet();

    private ProviderSandbox(HttpServer server) {
        this.server = server;
        server.setExecutor(executor);
        server.createContext(BLOOIO_PATH + "/facetime/calls", this::blooioCall);
        server.createContext(BLOOIO_PATH + "/contacts/", this::blooioCapabilities);
        server.createContext(BLOOIO_PATH + "/chats/", this::blooioMessage);
        server.createContext(SENDBLUE_PATH + "/api/send-message", this::sendblueMessage);
        server.createContext(SENDBLUE_PATH + "/facetime/start-call", this::sendblueCall);
        server.createContext(SENDBLUE_PATH + "/api/evaluate-service", this::sendblueEvaluate);
        server.start();
    }

    public static ProviderSandbox start() {
        // without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs (+40 ms)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            return new ProviderSandbox(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the provider sandbox", e);
        }
    }

    public String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void blooioCall(HttpExchange exchange) throws IOException {
        if (!isBearer(exchange)) {
            error(exchange, 401, "unauthorized", "Invalid or missing API key");
            return;
        }
        String handle = readJson(exchange).path("handle").asText("");
        if (!"POST".equals(exchange.getRequestMethod()) || handle.isBlank()) {
            error(exchange, 400, "invalid_handle", "Missing or invalid handle field");
            return;
        }
        String id = UUID.randomUUID().toString().replace("-", "");
        respond(exchange, 200, Map.of("success", true, "handle", handle,
                "link", "https://facetime.apple.com/join#v=1&p=SANDBOX" + id + "&k=SANDBOX-not-a-real-call"));
    }

    private void blooioCapabilities(HttpExchange exchange) throws IOException {
        if (!isBearer(exchange)) {
            error(exchange, 401, "unauthorized", "Invalid or missing API key");
            return;
        }
        String path = exchange.getRequestURI().getRawPath();
        String encoded = path.substring((BLOOIO_PATH + "/contacts/").length()).replace("/capabilities", "");
        String contact = URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        boolean apple = !contact.endsWith(SMS_ONLY_SUFFIX);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("contact", contact);
        body.put("type", contact.contains("@") ? "email" : "phone");
        body.put("capabilities", Map.of("imessage", apple, "sms", !contact.contains("@"), "facetime", apple));
        body.put("last_checked", System.currentTimeMillis());
        respond(exchange, 200, body);
    }

    /** Messages go nowhere; a reused Idempotency-Key answers 409, as Blooio does. */
    private void blooioMessage(HttpExchange exchange) throws IOException {
        if (!isBearer(exchange)) {
            error(exchange, 401, "unauthorized", "Invalid or missing API key");
            return;
        }
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (key != null && !idempotencyKeys.add(key)) {
            error(exchange, 409, "duplicate_idempotency_key", "A request with this Idempotency-Key was already made");
            return;
        }
        if (readJson(exchange).path("text").asText("").isBlank()) {
            error(exchange, 400, "invalid_text", "text is required");
            return;
        }
        respond(exchange, 200, Map.of("message_id", "sandbox_" + UUID.randomUUID().toString().replace("-", ""),
                "status", "queued"));
    }

    private void sendblueMessage(HttpExchange exchange) throws IOException {
        if (!hasSendblueKeys(exchange)) {
            error(exchange, 401, "unauthorized", "Invalid API credentials");
            return;
        }
        JsonNode request = readJson(exchange);
        if (request.path("number").asText("").isBlank() || request.path("content").asText("").isBlank()) {
            error(exchange, 400, "bad_request", "number and content are required");
            return;
        }
        respond(exchange, 200, Map.of("status", "QUEUED", "number", request.path("number").asText(),
                "message_handle", UUID.randomUUID().toString()));
    }

    private void sendblueCall(HttpExchange exchange) throws IOException {
        if (!hasSendblueKeys(exchange)) {
            error(exchange, 401, "unauthorized", "Invalid API credentials");
            return;
        }
        JsonNode request = readJson(exchange);
        if (!request.path("phoneNumber").asText("").startsWith("+") || !request.path("fromNumber").asText("").startsWith("+")) {
            error(exchange, 400, "bad_request", "phoneNumber and fromNumber must be E.164");
            return;
        }
        String id = UUID.randomUUID().toString().replace("-", "");
        respond(exchange, 200, Map.of("status", "OK", "message", "Call started", "agora",
                Map.of("appId", "sandbox", "channelName", "sandbox_" + id, "token", "SANDBOX-token-" + id, "uid", 0)));
    }

    private void sendblueEvaluate(HttpExchange exchange) throws IOException {
        if (!hasSendblueKeys(exchange)) {
            error(exchange, 401, "unauthorized", "Invalid API credentials");
            return;
        }
        String query = exchange.getRequestURI().getRawQuery();
        String number = query == null || !query.startsWith("number=") ? ""
                : URLDecoder.decode(query.substring("number=".length()), StandardCharsets.UTF_8);
        respond(exchange, 200, Map.of("number", number, "service", number.endsWith(SMS_ONLY_SUFFIX) ? "SMS" : "iMessage"));
    }

    private static boolean isBearer(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        return authorization != null && authorization.startsWith("Bearer ") && authorization.length() > 7;
    }

    private static boolean hasSendblueKeys(HttpExchange exchange) {
        return exchange.getRequestHeaders().getFirst("sb-api-key-id") != null
                && exchange.getRequestHeaders().getFirst("sb-api-secret-key") != null;
    }

    private JsonNode readJson(HttpExchange exchange) {
        try {
            return json.readTree(exchange.getRequestBody());
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private void error(HttpExchange exchange, int status, String error, String message) throws IOException {
        respond(exchange, status, Map.of("error", error, "message", message, "status", status));
    }

    private void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
