import com.sun.net.httpserver.HttpServer;
import io.facetimerouter.bench.BenchSupport;
import io.facetimerouter.bench.BenchSupport.Service;
import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Campaign runs of the packaged service against one Kafka broker and a 0 ms Blooio stub:
 * - trigger to every request published, for CSV audiences of 10,000 and 100,000 contacts, with the
 *   heap after a full GC before the runs and after each (it must not grow with the audience);
 * - the rate limit over a 60-second window at 600 calls a minute, counted on the requests topic.
 *
 * Usage: java -cp <project classpath> bench/CampaignRunBench.java <service jar>
 */
public class CampaignRunBench {

    private static final Pattern RUN_ID = Pattern.compile("\"runId\":\"([^\"]+)\"");
    private static final Pattern RUN_TIMES = Pattern.compile("\"startedAt\":\"([^\"]+)\".*\"finishedAt\":\"([^\"]+)\"");
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    public static void main(String[] args) {
        BenchSupport.runThenExit(() -> benchmark(args[0]));
    }

    private static void benchmark(String jar) throws Exception {
        Path work = Path.of("target/bench/campaigns-" + UUID.randomUUID());
        Files.createDirectories(work);
        csv(work.resolve("10k.csv"), 10_000);
        csv(work.resolve("100k.csv"), 100_000);
        campaign(work, "bench-10k", "10k.csv", 6_000_000);
        campaign(work, "bench-100k", "100k.csv", 6_000_000);
        campaign(work, "bench-rate", "100k.csv", 600);

        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 4, "bench.requests", "bench.results");
        broker.afterPropertiesSet();
        HttpServer stub = BenchSupport.blooioStub(0);
        // BENCH_JFR=<file>: a JFR recording of the service during the 100,000-contact run (bench/CpuBreakdown.java reads it)
        String recording = System.getenv("BENCH_JFR");
        try (Service service = Service.start(jar, work, recording == null ? List.of() : List.of(Service.RECORDING_OPTION), Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", broker.getBrokersAsString(),
                "ROUTER_REQUESTS_TOPIC", "bench.requests",
                "ROUTER_RESULTS_TOPIC", "bench.results",
                "ROUTER_CAMPAIGNS_DIRECTORY", work.toAbsolutePath().toString(),
                "ROUTER_CAMPAIGNS_AUDIENCEDIR", work.toAbsolutePath().toString(),
                "BLOOIO_BASE_URL", BenchSupport.baseUrl(stub) + "/v2/api",
                "BLOOIO_API_KEY", "bench",
                "ROUTER_API_KEYS", "bench",
                "SPRING_DATASOURCE_URL", "jdbc:h2:file:" + work.toAbsolutePath() + "/ledger"))) {
            HttpClient client = HttpClient.newHttpClient();
            System.out.println("| audience | trigger to all published (s) | the run itself, start to end (s) | requests/s | heap after GC before (MB) | heap after GC after (MB) |");
            System.out.println("|---:|---:|---:|---:|---:|---:|");
            for (String campaign : new String[] {"bench-10k", "bench-100k"}) {
                long heapBefore = heapAfterGc(service.process().pid());
                long started = System.nanoTime();
                String runId = runNow(client, service, campaign);
                String run = waitForCompletion(client, service, campaign, runId);
                double seconds = (System.nanoTime() - started) / 1e9;
                Matcher times = RUN_TIMES.matcher(run);
                double runSeconds = times.find()
                        ? Duration.between(Instant.parse(times.group(1)), Instant.parse(times.group(2))).toMillis() / 1e3
                        : Double.NaN;
                int contacts = campaign.equals("bench-10k") ? 10_000 : 100_000;
                if (recording != null && contacts == 100_000) {
                    service.dumpRecording(Path.of(recording), (long) Math.ceil(seconds));
                }
                System.out.printf("| %,d | %.1f | %.1f | %.0f | %.1f | %.1f |%n", contacts, seconds, runSeconds, contacts / seconds,
                        heapBefore / 1024.0, heapAfterGc(service.process().pid()) / 1024.0);
            }
            // BENCH_RATE=false leaves out the 80-second rate-limit run
            if (!"false".equals(System.getenv("BENCH_RATE"))) {
                rateAccuracy(client, service, broker.getBrokersAsString());
            }
        } finally {
            stub.stop(0);
            broker.destroy();
        }
    }

    /** Calls published per 60-second window, after the first 5 seconds, at a rate of 600 a minute. */
    private static void rateAccuracy(HttpClient client, Service service, String brokers) throws Exception {
        String runId = runNow(client, service, "bench-rate");
        String prefix = "bench-rate:" + runId + ":";
        List<Long> timestamps = new ArrayList<>();
        Properties config = new Properties();
        config.put("bootstrap.servers", brokers);
        config.put("group.id", "bench-rate-" + UUID.randomUUID());
        config.put("auto.offset.reset", "earliest");
        config.put("key.deserializer", StringDeserializer.class.getName());
        config.put("value.deserializer", StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of("bench.requests"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(80);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() != null && record.key().startsWith(prefix)) {
                        timestamps.add(record.timestamp());
                    }
                }
            }
        }
        timestamps.sort(Long::compare);
        long windowStart = timestamps.get(0) + 5_000;
        long inWindow = timestamps.stream().filter(t -> t >= windowStart && t < windowStart + 60_000).count();
        // the most calls sent within any one second of the run: the throttle's allowance is 10
        int busiestSecond = 0;
        for (int first = 0, last = 0; last < timestamps.size(); last++) {
            while (timestamps.get(last) - timestamps.get(first) >= 1000) {
                first++;
            }
            busiestSecond = Math.max(busiestSecond, last - first + 1);
        }
        System.out.println();
        System.out.println("| rate limit (calls/min) | calls in the 60 s window | error | most calls in any 1 s (allowance 10) |");
        System.out.println("|---:|---:|---:|---:|");
        System.out.printf("| 600 | %d | %+.2f %% | %d |%n", inWindow, (inWindow - 600) * 100.0 / 600, busiestSecond);
    }

    private static void csv(Path file, int contacts) throws Exception {
        try (BufferedWriter writer = Files.newBufferedWriter(file)) {
            writer.write("handle,name,segment\n");
            for (int i = 0; i < contacts; i++) {
                writer.write(String.format("+1415%07d,Contact %d,bench%n", i, i));
            }
        }
    }

    private static void campaign(Path dir, String id, String csv, int rate) throws Exception {
        Files.writeString(dir.resolve(id + ".yaml"), "id: " + id + "\ncron: \"0 0 9 1 1 ? 2099\"\nrate-per-minute: "
                + rate + "\ndeadline: 3h\naudience:\n  type: csv\n  file: " + dir.toAbsolutePath().resolve(csv) + "\n");
    }

    private static String runNow(HttpClient client, Service service, String campaign) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create(service.url("/api/v1/campaigns/" + campaign + "/runs")))
                .header("Authorization", "Bearer bench").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher runId = RUN_ID.matcher(response.body());
        if (response.statusCode() != 202 || !runId.find()) {
            throw new IllegalStateException("Run not started: " + response.statusCode() + " " + response.body());
        }
        return runId.group(1);
    }

    /** Waits until the run is COMPLETED; returns its entry in the runs list. */
    private static String waitForCompletion(HttpClient client, Service service, String campaign, String runId)
            throws Exception {
        HttpRequest runs = HttpRequest.newBuilder(URI.create(service.url("/api/v1/campaigns/" + campaign + "/runs")))
                .header("Authorization", "Bearer bench").build();
        Pattern completed = Pattern.compile("\\{\"runId\":\"" + Pattern.quote(runId) + "\",\"status\":\"COMPLETED\"[^}]*}");
        while (true) {
            Matcher run = completed.matcher(client.send(runs, HttpResponse.BodyHandlers.ofString()).body());
            if (run.find()) {
                return run.group();
            }
            Thread.sleep(200);
        }
    }

    private static long heapAfterGc(long pid) throws Exception {
        jcmd(pid, "GC.run");
        Matcher used = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
        if (!used.find()) {
            throw new IllegalStateException("jcmd GC.heap_info said nothing about the heap");
        }
        return Long.parseLong(used.group(1));
    }

    private static String jcmd(long pid, String command) throws Exception {
        Process jcmd = new ProcessBuilder(System.getProperty("java.home") + "/bin/jcmd", String.valueOf(pid), command)
                .redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor();
        return output;
    }
}
