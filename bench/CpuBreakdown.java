import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the service's Java threads spend their CPU, from a JFR recording: execution samples split by
 * the part of the service they were in (the JIT compiler's and the GC's threads are not sampled; the
 * REST benchmark reports their CPU from /proc).
 *
 * A sample counts for the innermost frame that belongs to a known part (JDK frames are skipped, so
 * a HashMap lookup inside Jackson counts as JSON).
 *
 * Usage: java bench/CpuBreakdown.java <recording.jfr> [only its last N seconds]
 */
public class CpuBreakdown {

    /** Package prefixes to parts, first match wins. */
    private static final Map<String, String> PARTS = new LinkedHashMap<>();

    static {
        PARTS.put("org.h2.", "ledger (database)");
        PARTS.put("org.postgresql.", "ledger (database)");
        PARTS.put("com.zaxxer.hikari.", "ledger (database)");
        PARTS.put("org.springframework.jdbc.", "ledger (database)");
        PARTS.put("org.springframework.transaction.", "ledger (database)");
        PARTS.put("io.facetimerouter.ledger.", "ledger (database)");
        PARTS.put("com.fasterxml.jackson.", "JSON");
        PARTS.put("ch.qos.logback.", "logging");
        PARTS.put("org.slf4j.", "logging");
        PARTS.put("org.apache.hc.", "outbound HTTP");
        PARTS.put("org.apache.camel.component.http.", "outbound HTTP");
        PARTS.put("org.apache.catalina.", "HTTP server");
        PARTS.put("org.apache.coyote.", "HTTP server");
        PARTS.put("org.apache.tomcat.", "HTTP server");
        PARTS.put("jakarta.servlet.", "HTTP server");
        PARTS.put("org.springframework.web.", "HTTP server");
        PARTS.put("org.springframework.boot.web.", "HTTP server");
        PARTS.put("org.apache.camel.component.platform.http.", "HTTP server");
        PARTS.put("io.facetimerouter.trigger.http.", "HTTP server");
        PARTS.put("org.apache.kafka.", "Kafka client");
        PARTS.put("org.apache.camel.component.kafka.", "Kafka client");
        PARTS.put("io.facetimerouter.trigger.kafka.", "Kafka client");
        PARTS.put("io.github.resilience4j.", "routes (Camel, resilience)");
        PARTS.put("org.apache.camel.", "routes (Camel, resilience)");
        PARTS.put("io.facetimerouter.", "service code");
    }

    public static void main(String[] args) throws Exception {
        List<RecordedEvent> events = RecordingFile.readAllEvents(Path.of(args[0]));
        events.sort(Comparator.comparing(RecordedEvent::getStartTime));
        if (args.length > 1) {
            Instant end = events.get(events.size() - 1).getStartTime();
            Instant from = end.minusSeconds(Long.parseLong(args[1]));
            events.removeIf(event -> event.getStartTime().isBefore(from));
        }

        Map<String, Integer> samplesByPart = new TreeMap<>();
        int samples = 0;
        for (RecordedEvent event : events) {
            if (event.getEventType().getName().equals("jdk.ExecutionSample")) {
                samples++;
                samplesByPart.merge(part(event.getStackTrace()), 1, Integer::sum);
            }
        }
        System.out.printf("| part (%d execution samples of the Java threads) | share |%n", samples);
        System.out.println("|---|---:|");
        int sampled = samples;
        samplesByPart.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(part -> System.out.printf("| %s | %.0f %% |%n", part.getKey(), 100.0 * part.getValue() / sampled));
    }

    private static String part(RecordedStackTrace stack) {
        if (stack == null) {
            return "unknown";
        }
        for (RecordedFrame frame : stack.getFrames()) {
            if (!frame.isJavaFrame()) {
                continue;
            }
            String type = frame.getMethod().getType().getName();
            for (Map.Entry<String, String> part : PARTS.entrySet()) {
                if (type.startsWith(part.getKey())) {
                    return part.getValue();
                }
            }
        }
        return "JDK only (threads, sockets, timers)";
    }
}
