package io.facetimerouter.bench;

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
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the benchmark programs under {@code bench/} share: a Blooio stub, the packaged service started
 * as its own process, and running to completion. The bench scripts put the test classes on the
 * classpath of Java's single-file launcher so each program can use this.
 */
public final class BenchSupport {

    /** Linux's USER_HZ, the unit of /proc's CPU times (100 on every mainstream architecture). */
    private static final long CLOCK_TICKS = 100;
    public static final String LINK = "https://facetime.apple.com/join#v=1&p=bench&k=bench";
    public static final String HANDLE = "+15551234567";

    private BenchSupport() {
    }

    /** A benchmark's body. */
    public interface Benchmark {
        void run() throws Exception;
    }

    /** Runs the benchmark, then ends the JVM: the HTTP clients' and stubs' threads would keep it alive. */
    public static void runThenExit(Benchmark benchmark) {
        try {
            benchmark.run();
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    /**
     * CPU time all the machine's cores have spent busy since boot, every process's (user, nice, system,
     * irq, softirq, steal: the first line of /proc/stat, Linux only).
     */
    public static Duration machineCpuTime() throws IOException {
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split(" +");
        long ticks = Long.parseLong(cpu[1]) + Long.parseLong(cpu[2]) + Long.parseLong(cpu[3]) + Long.parseLong(cpu[6])
                + Long.parseLong(cpu[7]) + Long.parseLong(cpu[8]);
        return Duration.ofMillis(ticks * 1000 / CLOCK_TICKS);
    }

    /** Blooio's FaceTime and capability endpoints, each answering after a fixed latency. */
    public static HttpServer blooioStub(int latencyMs) throws IOException {
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

    /** Deletes a directory and everything in it, if it exists. */
    public static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    public static String baseUrl(HttpServer stub) {
        return "http://127.0.0.1:" + stub.getAddress().getPort();
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

    /** The packaged service, running in its own process until closed. */
    public record Service(Process process, int port) implements AutoCloseable {

        /** JVM option of a service whose recording {@link #dumpRecording} can write. */
        public static final String RECORDING_OPTION = "-XX:StartFlightRecording=name=bench,settings=profile,maxage=10m";

        /**
         * Starts the jar (or a single-file Java program) in {@code workDir} with the environment given (the port is chosen here),
         * logging to {@code service.log} there, and waits until it is up.
         */
        public static Service start(String jar, Path workDir, Map<String, String> environment) throws Exception {
            return start(jar, workDir, List.of(), environment);
        }

        /** As {@link #start(String, Path, Map)}, with options for the service's JVM. */
        public static Service start(String jar, Path workDir, List<String> jvmOptions, Map<String, String> environment)
                throws Exception {
            Files.createDirectories(workDir);
            int port = freePort();
            File log = workDir.resolve("service.log").toFile();
            List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java"));
            command.addAll(jvmOptions);
            // a single-file program (bench/PassThroughProxy.java) runs with Java's source launcher, in place of the jar
            String program = new File(jar).getAbsolutePath();
            command.addAll(jar.endsWith(".java") ? List.of(program) : List.of("-jar", program));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log);
            builder.environment().putAll(environment);
            builder.environment().put("SERVER_PORT", String.valueOf(port));
            Service service = new Service(builder.start(), port);
            service.waitUntilUp(log);
            return service;
        }

        /** The service's resident memory now, in MB (from /proc, Linux only). */
        public long residentMegabytes() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
            throw new IOException("No VmRSS for process " + process.pid());
        }

        /**
         * CPU time the service's live threads have used so far, by kind of thread (from /proc, Linux
         * only; a thread that ended meanwhile is not counted).
         */
        public Map<String, Duration> cpuTimeByThreads() throws IOException {
            Map<String, Duration> byKind = new TreeMap<>();
            try (DirectoryStream<Path> threads = Files.newDirectoryStream(Path.of("/proc", String.valueOf(process.pid()), "task"))) {
                for (Path thread : threads) {
                    String stat;
                    try {
                        stat = Files.readString(thread.resolve("stat"));
                    } catch (IOException ended) {
                        continue;
                    }
                    // pid (comm) state ... utime stime: the fields after the name, utime the 12th of them
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    byKind.merge(threadKind(name), Duration.ofMillis(ticks * 1000 / CLOCK_TICKS), Duration::plus);
                }
            }
            return byKind;
        }

        private static String threadKind(String name) {
            if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                return "JIT compiler";
            }
            if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("VM ")) {
                return "GC and VM";
            }
            if (name.startsWith("JFR ")) {
                return "JFR";
            }
            return "application threads";
        }

        /** CPU time the service process has used so far, all its threads (JIT and GC included). */
        public Duration cpuTime() {
            return process.toHandle().info().totalCpuDuration()
                    .orElseThrow(() -> new IllegalStateException("This platform does not report a process's CPU time"));
        }

        /**
         * Writes the last {@code seconds} of the service's JFR recording to {@code file}; the service must
         * have been started with {@link #RECORDING_OPTION} (starting one later would deoptimise and
         * recompile the service's code in the middle of what is measured).
         */
        public void dumpRecording(Path file, long seconds) throws Exception {
            jcmd("JFR.dump", "name=bench", "begin=-" + seconds + "s", "filename=" + file.toAbsolutePath());
        }

        private void jcmd(String... command) throws Exception {
            List<String> line = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/jcmd",
                    String.valueOf(process.pid())));
            line.addAll(List.of(command));
            Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (jcmd.waitFor() != 0) {
                throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + output);
            }
        }

        public String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }

        private void waitUntilUp(File log) throws Exception {
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest health = HttpRequest.newBuilder(URI.create(url("/actuator/health/readiness"))).build();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("The service stopped; see " + log);
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
            close();
            throw new IllegalStateException("The service did not start within 120 s; see " + log);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            // a service still stopping would take CPU from whatever the benchmark runs next
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
