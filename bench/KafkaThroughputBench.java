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
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Kafka trigger throughput: N call requests produced to a topic, time until N outcomes are on the
 * results topic. facetime-router (the packaged jar, one instance, BENCH_MAX_IN_FLIGHT records in
 * flight, 64 by default) against a minimal hand-written kafka-clients consumer (1 or 4 threads) that
 * makes the same provider request per record, produces the result and commits, both against one
 * Blooio stub, in one run. With each measured batch it prints the whole machine's CPU per record and,
 * for the service, its own share.
 *
 * Usage: java -cp <project classpath> bench/KafkaThroughputBench.java <service jar>
 */
public class KafkaThroughputBench {

    private static final int PARTITIONS = 4;
    private static final int MAX_IN_FLIGHT = Integer.parseInt(System.getenv().getOrDefault("BENCH_MAX_IN_FLIGHT", "64"));
    /**
     * Records processed before the measured batch at 0 ms, by the service and by each baseline alike:
     * as in the REST benchmark, steady state (a fresh JVM is still compiling thousands of records in).
     */
    private static final int WARMUP = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP", "10000"));

    public static void main(String[] args) {
        BenchSupport.runThenExit(() -> benchmark(args));
    }

    private static void benchmark(String[] args) throws Exception {
        String jar = args[0];
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
        broker.afterPropertiesSet();
        String brokers = broker.getBrokersAsString();
        System.out.printf("| stub latency | baseline consumers | baseline (records/s) | facetime-router, %d in flight (records/s) | ratio "
                + "| machine CPU per record, baseline / facetime-router (ms) | of it the service's (ms) |%n", MAX_IN_FLIGHT);
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
        // BENCH_SCALE_OUT_ONLY=true runs only the scale-out part
        boolean scaleOutOnly = "true".equals(System.getenv("BENCH_SCALE_OUT_ONLY"));
        try {
            // BENCH_LATENCIES=0 (or 200) runs only that stub latency
            int[] latencies = Arrays.stream(System.getenv().getOrDefault("BENCH_LATENCIES", "0,200").split(","))
                    .mapToInt(Integer::parseInt).toArray();
            for (int latency : scaleOutOnly ? new int[0] : latencies) {
                HttpServer stub = BenchSupport.blooioStub(latency);
                String stubUrl = BenchSupport.baseUrl(stub) + "/v2/api";
                // enough records for ten rounds of the router's workers at 200 ms
                // BENCH_JFR=<file>: a JFR recording of the service's measured 0 ms batch (bench/CpuBreakdown.java reads it)
                String recording = latency == 0 ? System.getenv("BENCH_JFR") : null;
                Throughput router = measureRouter(broker, brokers, stubUrl, jar, latency == 0 ? 2000 : 10 * MAX_IN_FLIGHT,
                        latency == 0 ? WARMUP : 5 * MAX_IN_FLIGHT, recording);
                for (int consumers : new int[] {1, 4}) {
                    int records = latency == 0 ? 1000 : 40 * consumers;
                    Throughput baseline = measureBaseline(broker, brokers, stubUrl, consumers, records,
                            latency == 0 ? WARMUP : records / 2);
                    System.out.printf("| %d ms | %d | %.1f | %.1f | %.2f | %.2f / %.2f | %.2f |%n", latency, consumers,
                            baseline.perSecond(), router.perSecond(), router.perSecond() / baseline.perSecond(),
                            baseline.machineCpuPerRecord(), router.machineCpuPerRecord(), router.serviceCpuPerRecord());
                }
                stub.stop(0);
            }
            // BENCH_SCALE_OUT=false leaves the scale-out part out
            if (!"false".equals(System.getenv("BENCH_SCALE_OUT"))) {
                scaleOut(broker, brokers, jar);
            }
        } finally {
            broker.destroy();
        }
    }

    /**
     * One instance, then three in one consumer group, on a 12-partition topic, the provider at 200 ms,
     * one PostgreSQL ledger shared by all. Each instance takes BENCH_SCALE_IN_FLIGHT records at once (8 by
     * default): three instances on the same two cores cannot show what three machines would if each
     * were CPU-bound, so the per-instance limit is what binds here, as it would on one machine each.
     */
    private static void scaleOut(EmbeddedKafkaKraftBroker broker, String brokers, String jar) throws Exception {
        int inFlight = Integer.parseInt(System.getenv().getOrDefault("BENCH_SCALE_IN_FLIGHT", "8"));
        // BENCH_SCALE_JVM_OPTIONS: options for each instance's JVM, space-separated. By default C1 only: three
        // fresh JVMs' C2 compilers on two shared cores would measure the machine (each instance on a machine of
        // its own compiles on its own cores), and at 200 ms the instances are bound by their records in flight
        List<String> jvmOptions = List.of(System.getenv().getOrDefault("BENCH_SCALE_JVM_OPTIONS", "-XX:TieredStopAtLevel=1").split(" +"))
                .stream().filter(option -> !option.isBlank()).toList();
        HttpServer stub = BenchSupport.blooioStub(200);
        String stubUrl = BenchSupport.baseUrl(stub) + "/v2/api";
        try (EmbeddedPostgres database = EmbeddedPostgres.builder().start()) {
            System.out.println();
            System.out.printf("| instances (%d in flight each, 12 partitions, 200 ms) | records | facetime-router (records/s) | ratio to 1 instance |%n",
                    inFlight);
            System.out.println("|---:|---:|---:|---:|");
            double single = 0;
            for (int instances : new int[] {1, 3}) {
                String requests = "scale-requests-" + UUID.randomUUID();
                String results = "scale-results-" + UUID.randomUUID();
                broker.addTopics(new org.apache.kafka.clients.admin.NewTopic(requests, 12, (short) 1),
                        new org.apache.kafka.clients.admin.NewTopic(results, 12, (short) 1));
                int records = 100 * inFlight * instances;
                List<Service> services = new ArrayList<>();
                try (KafkaProducer<String, String> producer = producer(brokers)) {
                    for (int i = 0; i < instances; i++) {
                        Map<String, String> environment = new java.util.HashMap<>(Map.of(
                                "KAFKA_BOOTSTRAP_SERVERS", brokers,
                                "ROUTER_REQUESTS_TOPIC", requests,
                                "ROUTER_RESULTS_TOPIC", results,
                                "ROUTER_KAFKA_MAXINFLIGHT", String.valueOf(inFlight),
                                "BLOOIO_BASE_URL", stubUrl,
                                "BLOOIO_API_KEY", "bench",
                                "ROUTER_API_KEYS", "bench",
                                "SPRING_DATASOURCE_URL", database.getJdbcUrl("postgres", "postgres")));
                        environment.put("SPRING_DATASOURCE_USERNAME", "postgres");
                        environment.put("SPRING_DATASOURCE_PASSWORD", "postgres");
                        services.add(Service.start(jar, Path.of("target/bench/kafka-scale-" + i), jvmOptions, environment));
                    }
                    // warmed up as long as measured, so three fresh JVMs are not still compiling on the shared cores;
                    // records spread evenly over the partitions, so no instance finishes last by the keys' luck
                    double rate = measure(producer, brokers, requests, results, records, records, 12, null).perSecond();
                    single = instances == 1 ? rate : single;
                    System.out.printf("| %d | %d | %.1f | %.2f |%n", instances, records, rate, rate / single);
                } finally {
                    for (Service service : services) {
                        service.close();
                    }
                }
            }
        } finally {
            stub.stop(0);
        }
    }

    /**
     * Records per second of a measured batch, and the CPU per record it took: the whole machine's (every
     * process: broker, stub, client, service) and the service process's alone (0 for the baseline). At 0 ms
     * every process is bound by the two cores, so the machine's CPU per record decides the rate.
     */
    record Throughput(double perSecond, double machineCpuPerRecord, double serviceCpuPerRecord) {
    }

    /**
     * A warm-up batch, then the measured batch: records per second from first send to last outcome.
     * {@code partitions}: records go to them in turn; 0: by key, as producers usually send them.
     * {@code service}: the service process whose CPU is read, or null.
     */
    private static Throughput measure(KafkaProducer<String, String> producer, String brokers, String requests,
                                      String results, int warmup, int records, int partitions, Service service) throws Exception {
        run(producer, brokers, requests, results, Math.max(warmup, 4), partitions, service);
        return run(producer, brokers, requests, results, records, partitions, service);
    }

    private static Throughput run(KafkaProducer<String, String> producer, String brokers, String requests,
                                  String results, int records, int partitions, Service service) throws Exception {
        String batch = UUID.randomUUID().toString();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        try (KafkaConsumer<String, String> reader = consumer(brokers, "reader-" + batch, false)) {
            reader.subscribe(List.of(results));
            while (reader.assignment().isEmpty()) {
                reader.poll(Duration.ofMillis(100));
            }
            reader.seekToEnd(reader.assignment());
            reader.assignment().forEach(reader::position);
            long start = System.nanoTime();
            Duration machineBefore = BenchSupport.machineCpuTime();
            Duration serviceBefore = service == null ? Duration.ZERO : service.cpuTime();
            for (int i = 0; i < records; i++) {
                String id = batch + "-" + i;
                String request = "{\"requestId\": \"" + id + "\", \"handle\": \"+15551234567\"}";
                producer.send(partitions == 0 ? new ProducerRecord<>(requests, id, request)
                        : new ProducerRecord<>(requests, i % partitions, id, request));
            }
            producer.flush();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (seen.size() < records && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> outcome : reader.poll(Duration.ofMillis(100))) {
                    if (outcome.key() != null && outcome.key().startsWith(batch)) {
                        seen.add(outcome.key());
                    }
                }
            }
            if (seen.size() < records) {
                throw new IllegalStateException("Only " + seen.size() + " of " + records + " outcomes arrived");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Duration machineCpu = BenchSupport.machineCpuTime().minus(machineBefore);
            Duration serviceCpu = service == null ? Duration.ZERO : service.cpuTime().minus(serviceBefore);
            return new Throughput(records / seconds, machineCpu.toNanos() / 1e6 / records, serviceCpu.toNanos() / 1e6 / records);
        }
    }

    /** What a user might write instead: poll, call the provider, produce the result, commit. */
    private static Throughput measureBaseline(EmbeddedKafkaKraftBroker broker, String brokers, String stubUrl,
                                          int consumers, int records, int warmup) throws Exception {
        String requests = "baseline-requests-" + UUID.randomUUID();
        String results = "baseline-results-" + UUID.randomUUID();
        broker.addTopics(new org.apache.kafka.clients.admin.NewTopic(requests, PARTITIONS, (short) 1),
                new org.apache.kafka.clients.admin.NewTopic(results, PARTITIONS, (short) 1));
        AtomicBoolean running = new AtomicBoolean(true);
        HttpClient http = HttpClient.newHttpClient();
        List<Thread> workers = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer(brokers)) {
            for (int c = 0; c < consumers; c++) {
                Thread worker = new Thread(() -> {
                    try (KafkaConsumer<String, String> consumer = consumer(brokers, "baseline-" + requests, true)) {
                        consumer.subscribe(List.of(requests));
                        while (running.get()) {
                            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stubUrl + "/facetime/calls"))
                                        .header("Authorization", "Bearer bench").header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString("{\"handle\": \"+15551234567\"}")).build(),
                                        HttpResponse.BodyHandlers.ofString());
                                producer.send(new ProducerRecord<>(results, record.key(), response.body())).get();
                                consumer.commitSync(Map.of(new org.apache.kafka.common.TopicPartition(record.topic(), record.partition()),
                                        new org.apache.kafka.clients.consumer.OffsetAndMetadata(record.offset() + 1)));
                            }
                        }
                    } catch (Exception e) {
                        if (running.get()) {
                            e.printStackTrace();
                        }
                    }
                });
                worker.start();
                workers.add(worker);
            }
            return measure(producer, brokers, requests, results, warmup, records, 0, null);
        } finally {
            running.set(false);
            for (Thread worker : workers) {
                worker.join();
            }
        }
    }

    private static Throughput measureRouter(EmbeddedKafkaKraftBroker broker, String brokers, String stubUrl, String jar,
                                        int records, int warmup, String recording) throws Exception {
        String requests = "router-requests-" + UUID.randomUUID();
        String results = "router-results-" + UUID.randomUUID();
        broker.addTopics(new org.apache.kafka.clients.admin.NewTopic(requests, PARTITIONS, (short) 1),
                new org.apache.kafka.clients.admin.NewTopic(results, PARTITIONS, (short) 1));
        try (Service service = Service.start(jar, Path.of("target/bench/kafka"),
                recording == null ? List.of() : List.of(Service.RECORDING_OPTION), Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", brokers,
                "ROUTER_REQUESTS_TOPIC", requests,
                "ROUTER_RESULTS_TOPIC", results,
                "ROUTER_KAFKA_MAXINFLIGHT", String.valueOf(MAX_IN_FLIGHT),
                "BLOOIO_BASE_URL", stubUrl,
                "BLOOIO_API_KEY", "bench",
                "ROUTER_API_KEYS", "bench",
                "SPRING_DATASOURCE_URL", "jdbc:h2:file:./data/kafka-bench-" + UUID.randomUUID()));
             KafkaProducer<String, String> producer = producer(brokers)) {
            Throughput throughput = measure(producer, brokers, requests, results, warmup, records, 0, service);
            if (recording != null) {
                // the measured batch: the last records / rate seconds
                service.dumpRecording(Path.of(recording), (long) Math.ceil(records / throughput.perSecond()));
            }
            return throughput;
        }
    }

    private static KafkaProducer<String, String> producer(String brokers) {
        Properties config = new Properties();
        config.put("bootstrap.servers", brokers);
        config.put("key.serializer", StringSerializer.class.getName());
        config.put("value.serializer", StringSerializer.class.getName());
        config.put("enable.idempotence", "true");
        config.put("acks", "all");
        return new KafkaProducer<>(config);
    }

    private static KafkaConsumer<String, String> consumer(String brokers, String group, boolean fromEarliest) {
        Properties config = new Properties();
        config.put("bootstrap.servers", brokers);
        config.put("group.id", group);
        config.put("enable.auto.commit", "false");
        config.put("auto.offset.reset", fromEarliest ? "earliest" : "latest");
        config.put("key.deserializer", StringDeserializer.class.getName());
        config.put("value.deserializer", StringDeserializer.class.getName());
        return new KafkaConsumer<>(config);
    }
}
