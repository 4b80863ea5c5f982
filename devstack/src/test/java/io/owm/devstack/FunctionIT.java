package io.owm.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The OpenWebUI function ({@code functions/openwebui_monitor.py}) against the real gateway: its pytest suite
 * ({@code functions/tests}) runs as a child process with the shared devstack's address and keys, so the README's
 * single test command covers the Python side too.
 *
 * <p>It runs {@code /usr/bin/python3} on purpose: the tests need the Debian packages python3-pytest, python3-httpx
 * and python3-pydantic (what {@code .ci/run} installs), and a {@code python3} first on the PATH may be another
 * interpreter without them. When they are missing this test fails, it never skips: a skipped function test would
 * let a broken function pass the build.
 */
@ExtendWith(RunningStack.class)
class FunctionIT {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final long TIMEOUT_MINUTES = 10;
    private static final String MISSING = "The function's tests need /usr/bin/python3 with pytest, httpx and pydantic:"
            + " apt-get install python3-pytest python3-httpx python3-pydantic (see .ci/run)";

    @Test
    void theFunctionsPythonTestsPassAgainstTheRunningGateway(RunningStack.Gateway gateway) {
        Path repository = repositoryRoot();
        assertThat(Files.isExecutable(PYTHON)).as(MISSING).isTrue();
        Run check = run(repository, gateway, List.of(PYTHON.toString(), "-c", "import pytest, httpx, pydantic"));
        assertThat(check.exitCode()).as(MISSING + System.lineSeparator() + check.tail()).isZero();

        Run pytest = run(repository, gateway, List.of(PYTHON.toString(), "-m", "pytest", "-q", "-ra",
                "-p", "no:cacheprovider", "functions/tests"));

        assertThat(pytest.exitCode()).as("pytest functions/tests failed; its last lines:" + System.lineSeparator()
                + pytest.tail()).isZero();
    }

    /** The module runs in devstack/; the function lives at the repository root, next to the root pom. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("functions/openwebui_monitor.py"))
                    && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No functions/openwebui_monitor.py above " + Path.of("").toAbsolutePath());
    }

    /** Runs a command, streaming its output into the test log as it comes and keeping the end for the failure. */
    private static Run run(Path directory, RunningStack.Gateway gateway, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().put("OWM_GATEWAY_URL", gateway.url());
        builder.environment().put("OWM_API_KEY", gateway.apiKey());
        builder.environment().put("OWM_ACCESS_TOKEN", gateway.accessToken());
        // No __pycache__ folders left in the source tree by a test run.
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Deque<String> tail = new ArrayDeque<>();
        try {
            Process process = builder.start();
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                Thread pump = new Thread(() -> pump(out, tail), "pytest-output");
                pump.setDaemon(true);
                pump.start();
                if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new AssertionError(command + " did not finish within " + TIMEOUT_MINUTES + " minutes");
                }
                pump.join(TimeUnit.SECONDS.toMillis(10));
            }
            synchronized (tail) {
                return new Run(process.exitValue(), String.join(System.lineSeparator(), tail));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void pump(BufferedReader out, Deque<String> tail) {
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                System.out.println("[pytest] " + line);
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > 60) {
                        tail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // The process is gone; what it printed so far is in the log.
        }
    }

    private record Run(int exitCode, String tail) {
    }
}
