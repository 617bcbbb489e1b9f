import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The least any HTTP service in front of the provider adds: {@code POST /api/v1/calls} is forwarded
 * as it is to Blooio's {@code POST /facetime/calls} and Blooio's answer returned as it is; no checks,
 * no ledger, no routes. The REST overhead benchmark runs it in place of the service's jar
 * ({@code java bench/RestOverheadBench.java bench/PassThroughProxy.java ...}) to measure what one more
 * HTTP hop costs on the machine, with the client and the stub sharing its cores.
 *
 * It reads the service's own settings: SERVER_PORT, BLOOIO_BASE_URL, BLOOIO_API_KEY. The JDK's HTTP
 * server with 200 threads (Tomcat's default), and the JDK's blocking HTTP client on the request's own
 * thread, connections kept alive. PASS_THROUGH_CPU_MS (0 by default) makes each request also spend that
 * much CPU on its thread before it is forwarded: what a service of that cost per call would see.
 */
public class PassThroughProxy {

    public static void main(String[] args) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        System.setProperty("http.maxConnections", "200");
        int port = Integer.parseInt(System.getenv("SERVER_PORT"));
        URL provider = new URL(System.getenv("BLOOIO_BASE_URL") + "/facetime/calls");
        String authorization = "Bearer " + System.getenv("BLOOIO_API_KEY");
        long cpuPerCall = (long) (Double.parseDouble(System.getenv().getOrDefault("PASS_THROUGH_CPU_MS", "0")) * 1e6);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
        server.setExecutor(Executors.newFixedThreadPool(200));
        server.createContext("/api/v1/calls", exchange -> {
            spend(cpuPerCall);
            forward(exchange, provider, authorization);
        });
        server.createContext("/actuator/health/readiness", exchange -> answer(exchange, 200,
                "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8)));
        server.start();
    }

    private static void forward(HttpExchange exchange, URL provider, String authorization) throws IOException {
        byte[] body;
        try (InputStream request = exchange.getRequestBody()) {
            body = request.readAllBytes();
        }
        HttpURLConnection upstream = (HttpURLConnection) provider.openConnection();
        upstream.setRequestMethod("POST");
        upstream.setDoOutput(true);
        upstream.setRequestProperty("Authorization", authorization);
        upstream.setRequestProperty("Content-Type", "application/json");
        upstream.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = upstream.getOutputStream()) {
            out.write(body);
        }
        int status = upstream.getResponseCode();
        byte[] answer;
        try (InputStream in = status < 400 ? upstream.getInputStream() : upstream.getErrorStream()) {
            answer = in == null ? new byte[0] : in.readAllBytes();
        }
        answer(exchange, status, answer);
    }

    /** Busy until the thread has used that much CPU. */
    private static void spend(long cpuNanos) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + cpuNanos;
        while (cpuNanos > 0 && threads.getCurrentThreadCpuTime() < until) {
            Thread.onSpinWait();
        }
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
