import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.facetimerouter.call.CallContext;
import io.facetimerouter.call.Capabilities;
import io.facetimerouter.call.Handle;
import io.facetimerouter.call.PlannedDelivery;
import io.facetimerouter.call.RequestIds;
import io.facetimerouter.ledger.CallLedger;
import io.facetimerouter.ledger.DeliveryLedger;
import io.facetimerouter.ledger.GroupCommit;
import io.facetimerouter.ledger.H2FileCompaction;
import io.facetimerouter.ledger.LedgerProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger's part of a call, alone: what the H2 file ledger costs per call with the service's own
 * ledger classes (claim, provider wait, outcome stored with its `log` delivery), without HTTP, routes or
 * a provider stub, so that a change of the ledger is measured with less noise than the REST benchmark's.
 * Variants run on fresh files and alternate, round after round, in one JVM (the JIT's work is shared),
 * after one unmeasured warm-up round of each: the service's flow, plus one per argument, either an H2 URL
 * setting added to the service's own (`PAGE_SIZE=2048`, say) or `log-result-later`, the flow before the
 * log line was written with the call (delivery stored PENDING, its result written later by the deferred
 * writer). "Java threads" leaves the JIT compiler's and the GC's threads out.
 *
 * Usage: java -cp "target/classes:$(cat target/bench-classpath.txt)" bench/LedgerCommitBench.java \
 *          [calls per round] [concurrency] [provider wait ms] [rounds] [variant ...]
 * Defaults: 6000 calls, 20 at once, 50 ms, 3 rounds, the service's flow only.
 */
public class LedgerCommitBench {

    private static final String LINK = "https://facetime.apple.com/join#v=1&p=bench&k=bench";
    private static final Handle HANDLE = new Handle("+15551234567", Handle.Type.PHONE);
    private static final String LOG_RESULT_LATER = "log-result-later";
    private static final String SERVICE_SETTINGS = ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 6000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int waitMillis = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Map<String, Variant> variants = new LinkedHashMap<>();
        variants.put("service", new Variant("", false));
        Arrays.stream(args).skip(4).forEach(arg -> variants.put(arg, LOG_RESULT_LATER.equals(arg)
                ? new Variant("", true) : new Variant(";" + arg, false)));

        System.out.printf("%d calls per round, %d at once, provider wait %d ms, H2 file ledger%n%n", calls,
                concurrency, waitMillis);
        for (Variant variant : variants.values()) {
            round(variant, calls / 2, concurrency, waitMillis);
        }
        System.out.println("| round | variant | CPU per call (ms) | of it Java threads (ms) | calls/s | commits | writes per commit |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|");
        for (int round = 1; round <= rounds; round++) {
            for (Map.Entry<String, Variant> variant : variants.entrySet()) {
                Result result = round(variant.getValue(), calls, concurrency, waitMillis);
                System.out.printf("| %d | %s | %.3f | %.3f | %.1f | %d | %.2f |%n", round, variant.getKey(),
                        result.cpuMillisPerCall(), result.applicationCpuMillisPerCall(), result.callsPerSecond(), result.commits(),
                        result.writes() / (double) result.commits());
            }
        }
        System.exit(0);
    }

    /** An H2 URL suffix, and whether the log delivery's result is written after the outcome (the earlier flow). */
    record Variant(String urlSuffix, boolean logResultLater) {
    }

    record Result(double cpuMillisPerCall, double applicationCpuMillisPerCall, double callsPerSecond, long commits, double writes) {
    }

    static Result round(Variant variant, int calls, int concurrency, int waitMillis) throws Exception {
        Path directory = Files.createTempDirectory("ledger-bench");
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl("jdbc:h2:file:" + directory.resolve("ledger") + SERVICE_SETTINGS + variant.urlSuffix());
        pool.setMaximumPoolSize(10);
        try (HikariDataSource dataSource = new HikariDataSource(pool)) {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/vendor/h2")
                    .load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            GroupCommit groupCommit = new GroupCommit(jdbc,
                    new TransactionTemplate(new DataSourceTransactionManager(dataSource)), meters);
            LedgerProperties properties = new LedgerProperties(Duration.ofMinutes(2), LedgerProperties.Interrupted.RETRY,
                    Duration.ofSeconds(5), Duration.ofDays(30), Duration.ofMinutes(10));
            new H2FileCompaction(dataSource, properties);
            ObjectMapper json = JsonMapper.builder().findAndAddModules().build();
            Clock clock = Clock.systemUTC();
            CallLedger ledger = new CallLedger(jdbc, groupCommit, json, clock, properties);
            DeliveryLedger deliveries = new DeliveryLedger(jdbc, groupCommit, clock);

            ExecutorService callers = Executors.newFixedThreadPool(concurrency);
            Map<Long, Long> threadsBefore = threadCpuNanos();
            long cpuBefore = processCpuNanos();
            long started = System.nanoTime();
            List<Future<?>> done = new ArrayList<>(calls);
            for (int i = 0; i < calls; i++) {
                done.add(callers.submit(() -> {
                    call(ledger, deliveries, waitMillis, variant.logResultLater());
                    return null;
                }));
            }
            for (Future<?> call : done) {
                call.get();
            }
            long elapsed = System.nanoTime() - started;
            // results written later are committed within 100 ms: their CPU belongs to the round
            long expectedWrites = (long) calls * (variant.logResultLater() ? 3 : 2);
            while (meters.get("facetime.ledger.writes").counter().count() < expectedWrites) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            long cpu = processCpuNanos() - cpuBefore;
            long applicationCpu = threadCpuNanos().entrySet().stream()
                    .mapToLong(thread -> thread.getValue() - threadsBefore.getOrDefault(thread.getKey(), 0L)).sum();
            callers.shutdown();
            callers.awaitTermination(10, TimeUnit.SECONDS);
            long commits = meters.get("facetime.ledger.commit").timer().count();
            double writes = meters.get("facetime.ledger.writes").counter().count();
            return new Result(cpu / 1e6 / calls, applicationCpu / 1e6 / calls, calls / (elapsed / 1e9), commits, writes);
        } finally {
            try (var files = Files.walk(directory)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    static void call(CallLedger ledger, DeliveryLedger deliveries, int waitMillis, boolean logResultLater)
            throws InterruptedException {
        Instant now = Instant.now();
        String requestId = RequestIds.newId();
        CallContext call = CallContext.accepted(requestId, HANDLE, null, Map.of(), null, false, now);
        ledger.claim(call);
        call.setCapabilities(Capabilities.of(true, true, true, "blooio", now));
        Thread.sleep(waitMillis);
        call.recordAttempt("blooio", 200, null);
        call.linkCreated("blooio", LINK, now.plus(Duration.ofHours(1)), null);
        PlannedDelivery log = new PlannedDelivery("log", "log", "msg_" + requestId.hashCode());
        call.planDeliveries(List.of(logResultLater ? log : log.delivered(Instant.now())));
        ledger.record(call);
        if (logResultLater) {
            deliveries.delivered(requestId, "log", "log", null, null);
        }
    }

    /** Every live Java thread's CPU so far: the JIT compiler's and the GC's threads are not among them. */
    static Map<Long, Long> threadCpuNanos() {
        var threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new java.util.HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            cpu.put(id, Math.max(0, threads.getThreadCpuTime(id)));
        }
        return cpu;
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
