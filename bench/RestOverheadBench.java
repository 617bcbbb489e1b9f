import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * REST overhead benchmark: the same FaceTime call made directly against a Blooio stub and made
 * through facetime-router (POST /api/v1/calls) against that same stub, in one run.
 *
 * Usage: java bench/RestOverheadBench.java <service jar> [requests] [concurrency] [latencyMs]
 */
public class RestOverheadBench {

    private static final String LINK = "https://facetime.apple.com/join#v=1&p=bench&k=bench";
    private static final String HANDLE = "+15551234567";
    private static final int WARMUP_ROUNDS = 5;

    public static void main(String[] args) throws Exception {
        try {
            benchmark(args);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
        // the HTTP client's and the stub's non-daemon threads would keep the JVM alive
        System.exit(0);
    }

    private static void benchmark(String[] args) throws Exception {
        String jar = args[0];
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int latencyMs = args.length > 3 ? Integer.parseInt(args[3]) : 50;

        HttpServer stub = startStub(latencyMs);
        String stubUrl = "http://127.0.0.1:" + stub.getAddress().getPort();
        int servicePort = freePort();
        Process service = startService(jar, stubUrl, servicePort);
        try {
            HttpClient client = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(concurrency)).build();
            waitUntilUp(client, servicePort, service);

            HttpRequest direct = HttpRequest.newBuilder(URI.create(stubUrl + "/v2/api/facetime/calls"))
                    .header("Authorization", "Bearer bench-provider-key").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"handle\": \"" + HANDLE + "\"}")).build();
            HttpRequest viaService = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + servicePort + "/api/v1/calls"))
                    .header("Authorization", "Bearer bench-api-key").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"handle\": \"" + HANDLE + "\"}")).build();

            // unmeasured requests until the JIT has compiled the hot paths (on 2 cores it takes ~10,000)
            System.out.printf("Warming up (%d direct, %d through the router)...%n", requests, WARMUP_ROUNDS * requests);
            run(client, direct, requests, concurrency);
            for (int round = 0; round < WARMUP_ROUNDS; round++) {
                run(client, viaService, requests, concurrency);
            }

            System.out.printf("Measuring %d requests at concurrency %d, stub latency %d ms%n", requests, concurrency, latencyMs);
            Result directResult = run(client, direct, requests, concurrency);
            Result serviceResult = run(client, viaService, requests, concurrency);

            System.out.println();
            System.out.println("| path | p50 (ms) | p99 (ms) | throughput (req/s) | errors |");
            System.out.println("|---|---:|---:|---:|---:|");
            print("direct to provider stub", directResult);
            print("through facetime-router", serviceResult);
            System.out.println();
            System.out.printf("p50 overhead: %.2f ms; p99 overhead: %.2f ms; throughput ratio (router/direct): %.3f%n",
                    serviceResult.p50() - directResult.p50(), serviceResult.p99() - directResult.p99(),
                    serviceResult.throughput() / directResult.throughput());
        } finally {
            service.destroy();
            service.waitFor(30, TimeUnit.SECONDS);
            stub.stop(0);
        }
    }

    record Result(double p50, double p99, double throughput, int errors) {
    }

    private static void print(String name, Result result) {
        System.out.printf("| %s | %.1f | %.1f | %.1f | %d |%n", name, result.p50(), result.p99(), result.throughput(),
                result.errors());
    }

    /** {@code concurrency} workers send requests back to back until {@code requests} have been sent. */
    private static Result run(HttpClient client, HttpRequest request, int requests, int concurrency) throws Exception {
        long[] latencies = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            running.add(workers.submit(() -> {
                for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200 || !response.body().contains(LINK)) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    latencies[i] = System.nanoTime() - sent;
                }
                return null;
            }));
        }
        for (Future<?> worker : running) {
            worker.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        workers.shutdown();
        Arrays.sort(latencies);
        return new Result(millis(latencies, 0.50), millis(latencies, 0.99), requests / seconds, errors.get());
    }

    private static double millis(long[] sorted, double quantile) {
        return sorted[(int) Math.ceil(quantile * sorted.length) - 1] / 1e6;
    }

    /** Blooio's FaceTime and capability endpoints, each answering after a fixed latency. */
    private static HttpServer startStub(int latencyMs) throws IOException {
        // without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs (+40 ms)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.setExecutor(Executors.newFixedThreadPool(200));
        server.createContext("/v2/api/facetime/calls", exchange -> answer(exchange, latencyMs,
                "{\"success\": true, \"link\": \"" + LINK + "\", \"handle\": \"" + HANDLE + "\"}"));
        server.createContext("/v2/api/contacts/", exchange -> answer(exchange, latencyMs,
                "{\"contact\": \"" + HANDLE + "\", \"type\": \"phone\", \"capabilities\": "
                        + "{\"imessage\": true, \"sms\": true, \"facetime\": true}, \"last_checked\": 1703123457000}"));
        server.start();
        return server;
    }

    private static void answer(HttpExchange exchange, int latencyMs, String body) throws IOException {
        exchange.getRequestBody().readAllBytes();
        try {
            Thread.sleep(latencyMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static Process startService(String jar, String stubUrl, int port) throws IOException {
        File workDir = new File("target/bench");
        workDir.mkdirs();
        ProcessBuilder builder = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-jar",
                new File(jar).getAbsolutePath())
                .directory(workDir)
                .redirectErrorStream(true)
                .redirectOutput(new File(workDir, "service.log"));
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        builder.environment().put("BLOOIO_BASE_URL", stubUrl + "/v2/api");
        builder.environment().put("BLOOIO_API_KEY", "bench-provider-key");
        builder.environment().put("ROUTER_API_KEYS", "bench-api-key");
        builder.environment().put("ROUTER_KAFKA_ENABLED", "false");
        builder.environment().put("SPRING_DATASOURCE_URL", "jdbc:h2:file:./data/bench-" + System.currentTimeMillis() + ";WRITE_DELAY=0");
        return builder.start();
    }

    private static void waitUntilUp(HttpClient client, int port, Process service) throws Exception {
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("The service stopped; see target/bench/service.log");
            }
            try {
                if (client.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("The service did not start within 120 s; see target/bench/service.log");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
