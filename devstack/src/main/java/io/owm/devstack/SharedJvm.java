package io.owm.devstack;

import io.owm.localinfra.ServiceProcess;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The four services in one JVM (the service-host module): the libraries they share loaded once, each service's own
 * on a class loader of its own. Its plan, with the services' keys, goes to the JVM's standard input, not to disk.
 * Each service still logs to {@code logs/<service>.log} and has its own ports and probes.
 */
final class SharedJvm implements AutoCloseable {

    static final String HOST_MAIN = "io.owm.servicehost.ServicesHost";
    static final String LOG_NAME = "service-host";

    private final Process process;
    private final Path log;
    private final List<RunningService> services;

    private SharedJvm(Process process, Path log, List<RunningService> services) {
        this.process = process;
        this.log = log;
        this.services = services;
    }

    static SharedJvm start(List<ServiceLaunch> launches, Path hostJar, String jvmOptions, Path logs) {
        Map<String, Path> folders = new LinkedHashMap<>();
        launches.forEach(launch -> folders.put(launch.name(), launch.application().getParent()));
        SharedLibraries libraries = SharedLibraries.of(folders);
        List<Path> classPath = new ArrayList<>();
        classPath.add(hostJar);
        classPath.addAll(libraries.shared());
        List<String> command = new ArrayList<>();
        command.add(ServiceJars.java());
        command.addAll(options(jvmOptions));
        command.addAll(options(ClassSharing.optionsFor(hostJar, classPath)));
        // One Logback for the four services: their own logging system would reconfigure it four times over.
        command.add("-Dorg.springframework.boot.logging.LoggingSystem=none");
        command.add("-Dowm.logs=" + logs);
        command.add("-cp");
        command.add(classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        command.add(HOST_MAIN);
        Path log = logs.resolve(LOG_NAME + ".log");
        try {
            Files.createDirectories(logs);
            for (ServiceLaunch launch : launches) {
                // A new file per run, as when each service's output was redirected to it.
                Files.deleteIfExists(logs.resolve(launch.name() + ".log"));
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(plan(launches, libraries).getBytes(StandardCharsets.UTF_8));
            }
            List<RunningService> services = launches.stream()
                    .map(launch -> hosted(launch, process, logs.resolve(launch.name() + ".log")))
                    .toList();
            return new SharedJvm(process, log, services);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the services' JVM", e);
        }
    }

    List<RunningService> services() {
        return services;
    }

    /** The host's own output: why a service did not start, or why the JVM exited. */
    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    /** SIGTERM: the host closes the services in the reverse of their order, each draining its work. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    static String plan(List<ServiceLaunch> launches, SharedLibraries libraries) {
        Properties plan = new Properties();
        plan.setProperty("services", launches.stream().map(ServiceLaunch::name).collect(Collectors.joining(",")));
        for (ServiceLaunch launch : launches) {
            plan.setProperty(launch.name() + ".application", launch.application().toString());
            plan.setProperty(launch.name() + ".libraries", libraries.ownedBy(launch.name()).stream()
                    .map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
            launch.environmentWithPorts().forEach((key, value) ->
                    plan.setProperty(launch.name() + ".env." + key, value));
        }
        StringWriter text = new StringWriter();
        try {
            plan.store(text, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static List<String> options(String options) {
        return Arrays.stream(options.trim().split("\\s+")).filter(option -> !option.isEmpty()).toList();
    }

    private static RunningService hosted(ServiceLaunch launch, Process process, Path log) {
        return new RunningService(launch.name(), process::isAlive,
                () -> ServiceProcess.ready(launch.managementPort()), log);
    }
}
