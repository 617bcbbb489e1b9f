package io.facetimerouter.support;

import static org.awaitility.Awaitility.await;

import io.facetimerouter.FacetimeRouterApplication;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The service in a JVM of its own, so it can be killed as a crash would kill it. */
public record ServiceProcess(Process process, int port) {

    /** Starts the service in {@code workDirectory} (its log is {@code service.log} there) and waits until it is ready. */
    public static ServiceProcess start(Path workDirectory, List<String> arguments) throws IOException {
        ServiceProcess service = launch(workDirectory, arguments);
        service.awaitReady();
        return service;
    }

    /** Starts the service in {@code workDirectory} without waiting for it. */
    public static ServiceProcess launch(Path workDirectory, List<String> arguments) throws IOException {
        // no empty entry: it would put the working directory, and its routes/ folder, on the classpath
        String classpath = Arrays.stream(System.getProperty("surefire.test.class.path",
                        System.getProperty("java.class.path")).split(File.pathSeparator))
                .filter(entry -> !entry.isBlank()).collect(Collectors.joining(File.pathSeparator));
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java", "-cp", classpath,
                FacetimeRouterApplication.class.getName()));
        command.addAll(arguments);
        command.add("--server.port=" + port);
        Process process = new ProcessBuilder(command).directory(workDirectory.toFile()).redirectErrorStream(true)
                .redirectOutput(workDirectory.resolve("service.log").toFile()).start();
        return new ServiceProcess(process, port);
    }

    /** kill -9, and waits until the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private void awaitReady() {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(uri("/actuator/health/readiness")).build();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("The instance stopped");
            }
            return client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
