package io.owm.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Spring Boot service running as a child JVM, as it would run in a container: its own process, configured by
 * environment, its output in a log file. Used by the devstack and the benchmarks.
 */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int managementPort;
    private final Path log;
    private final Process process;

    private ServiceProcess(String name, int managementPort, Path log, Process process) {
        this.name = name;
        this.managementPort = managementPort;
        this.log = log;
        this.process = process;
    }

    /** Starts the service with its API on {@code port} and its probes and metrics on {@code managementPort}. */
    public static ServiceProcess start(String name, Path jar, int port, int managementPort, String jvmOptions,
            Map<String, String> env, Path logDir) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions.trim().split("\\s+")));
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment().put("OWM_MANAGEMENT_PORT", Integer.toString(managementPort));
        Path log = logDir.resolve(name + ".log");
        builder.redirectErrorStream(true);
        builder.redirectOutput(log.toFile());
        try {
            Files.createDirectories(logDir);
            return new ServiceProcess(name, managementPort, log, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
    }

    /** The operating system's process id, for reading the process's CPU time. */
    public long pid() {
        return process.pid();
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Ready means the service says so on its readiness probe, as Kubernetes would ask. */
    public boolean ready() {
        return ready(managementPort);
    }

    /** Whether the service whose probes are on {@code managementPort} says it is ready. */
    public static boolean ready(int managementPort) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGTERM first, so the service drains in-flight work (graceful shutdown); then it is killed. */
    public void stop(Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** SIGKILL: a crash, with no chance to finish or commit anything (the fault suite's "billing dies"). */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String lastLogLines(int count) {
        return lastLines(log, count);
    }

    /** The end of a log file, for an error message. */
    public static String lastLines(Path log, int count) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }
}
