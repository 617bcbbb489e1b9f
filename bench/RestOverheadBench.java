import com.sun.net.httpserver.HttpServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.facetimerouter.bench.BenchSupport;
import io.facetimerouter.bench.BenchSupport.Service;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * REST overhead benchmark: the same FaceTime call made directly against a Blooio stub and made
 * through facetime-router (POST /api/v1/calls) against that same stub, in one run, and the CPU the
 * service process used per call while measured.
 *
 * Usage: java bench/RestOverheadBench.java <service jar> [requests] [concurrency] [latencyMs] [h2|postgres]
 * The ledger is the default H2 file, or an embedded PostgreSQL. In place of the jar, bench/PassThroughProxy.java
 * measures the least one HTTP hop in front of the stub adds on the machine.
 */
public class RestOverheadBench {

    /** Calls through the router before measuring: BENCH_WARMUP, else 10,000 (on 2 cores the JIT needs about that). */
    private static final Path WORK = Path.of("target/bench/rest");
    private static final int WARMUP_CALLS = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP", "10000"));

    public static void main(String[] args) {
        BenchSupport.runThenExit(() -> benchmark(args));
    }

    private static void benchmark(String[] args) throws Exception {
        String jar = args[0];
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int latencyMs = args.length > 3 ? Integer.parseInt(args[3]) : 50;
        boolean postgres = args.length > 4 && args[4].equals("postgres");

        // BENCH_JFR=<file>: a JFR recording of the service during the measured calls (bench/CpuBreakdown.java reads it)
        String recording = System.getenv("BENCH_JFR");
        HttpServer stub = BenchSupport.blooioStub(latencyMs);
        String stubUrl = BenchSupport.baseUrl(stub);
        Map<String, String> environment = new HashMap<>(Map.of(
                "BLOOIO_BASE_URL", stubUrl + "/v2/api",
                "BLOOIO_API_KEY", "bench-provider-key",
                "ROUTER_API_KEYS", "bench-api-key",
                "ROUTER_KAFKA_ENABLED", "false"));
        EmbeddedPostgres database = null;
        if (postgres) {
            database = EmbeddedPostgres.builder().start();
            environment.put("SPRING_DATASOURCE_URL", database.getJdbcUrl("postgres", "postgres"));
            environment.put("SPRING_DATASOURCE_USERNAME", "postgres");
            environment.put("SPRING_DATASOURCE_PASSWORD", "postgres");
        } else {
            // the default ledger, as a user gets it (an H2 file under ./data), new for each run
            BenchSupport.deleteRecursively(WORK.resolve("data"));
        }
        // BENCH_JVM_OPTIONS: options for the service's JVM (heap settings, say), space-separated
        List<String> jvmOptions = new ArrayList<>(List.of(System.getenv().getOrDefault("BENCH_JVM_OPTIONS", "").split(" ")));
        jvmOptions.removeIf(String::isBlank);
        if (recording != null) {
            jvmOptions.add(Service.RECORDING_OPTION);
        }
        try (Service service = Service.start(jar, WORK, jvmOptions, environment)) {
            HttpClient client = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(concurrency)).build();

            HttpRequest direct = HttpRequest.newBuilder(URI.create(stubUrl + "/v2/api/facetime/calls"))
                    .header("Authorization", "Bearer bench-provider-key").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"handle\": \"" + BenchSupport.HANDLE + "\"}")).build();
            HttpRequest viaService = HttpRequest.newBuilder(URI.create(service.url("/api/v1/calls")))
                    .header("Authorization", "Bearer bench-api-key").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"handle\": \"" + BenchSupport.HANDLE + "\"}")).build();

            // unmeasured requests until the JIT has compiled the hot paths (on 2 cores it takes ~10,000)
            System.out.printf("Warming up (%d direct, %d through the router)...%n", requests, WARMUP_CALLS);
            run(client, direct, requests, concurrency);
            for (int warmedUp = 0; warmedUp < WARMUP_CALLS; warmedUp += requests) {
                run(client, viaService, Math.min(requests, WARMUP_CALLS - warmedUp), concurrency);
            }

            System.out.printf("Measuring %d requests at concurrency %d, stub latency %d ms, ledger on %s%n", requests,
                    concurrency, latencyMs, postgres ? "embedded PostgreSQL" : "an H2 file");
            // the service is measured right after its warm-up (an idle pause lets the JIT's profile of it go stale),
            // the direct path after it
            Duration cpuBefore = service.cpuTime();
            Map<String, Duration> threadsBefore = service.cpuTimeByThreads();
            long measuringSince = System.nanoTime();
            Result serviceResult = run(client, viaService, requests, concurrency);
            double cpuPerCall = (service.cpuTime().minus(cpuBefore).toNanos() / 1e6) / requests;
            Map<String, Duration> threadsAfter = service.cpuTimeByThreads();
            Result directResult = run(client, direct, requests, concurrency);
            if (recording != null) {
                long seconds = Math.max(1, Duration.ofNanos(System.nanoTime() - measuringSince).toSeconds());
                service.dumpRecording(Path.of(recording), seconds);
                System.out.printf("Recording of the measured calls: java bench/CpuBreakdown.java %s %d%n", recording, seconds);
            }

            System.out.println();
            System.out.println("| path | p50 (ms) | p99 (ms) | throughput (req/s) | errors |");
            System.out.println("|---|---:|---:|---:|---:|");
            print("direct to provider stub", directResult);
            print(jar.endsWith(".java") ? "through " + Path.of(jar).getFileName() : "through facetime-router", serviceResult);
            System.out.println();
            System.out.printf("p50 overhead: %.2f ms; p99 overhead: %.2f ms; throughput ratio (router/direct): %.3f%n",
                    serviceResult.p50() - directResult.p50(), serviceResult.p99() - directResult.p99(),
                    serviceResult.throughput() / directResult.throughput());
            System.out.printf("service CPU per call: %.2f ms (all the service's threads, JIT and GC included)%n", cpuPerCall);
            threadsAfter.forEach((kind, after) -> System.out.printf("  %s: %.2f ms per call%n", kind,
                    (after.minus(threadsBefore.getOrDefault(kind, Duration.ZERO)).toNanos() / 1e6) / requests));
            System.out.printf("service RSS after %d calls: %d MB (JVM options: %s)%n", WARMUP_CALLS + requests,
                    service.residentMegabytes(), jvmOptions.isEmpty() ? "none" : String.join(" ", jvmOptions));
        } finally {
            stub.stop(0);
            if (database != null) {
                database.close();
            }
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
                        if (response.statusCode() != 200 || !response.body().contains(BenchSupport.LINK)) {
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
}
