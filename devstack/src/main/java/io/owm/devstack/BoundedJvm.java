package io.owm.devstack;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the devstack in a JVM of bounded memory. A plain {@code java -jar} sizes its heap from the machine (up to a
 * quarter of its memory, with G1), and the Kafka broker the devstack hosts grows into whatever it is given, so the
 * devstack's own process was the largest of the stack under load (docs/benchmarks.md, "Devstack in a bounded
 * JVM"). {@link Main} therefore starts the devstack again in a child JVM with {@code OWM_DEVSTACK_JVM_OPTS} and
 * waits for it. The options the first {@code java} was given come after those, so a user's own {@code -Xmx} still
 * wins.
 */
final class BoundedJvm {

    static final String DEFAULT_OPTIONS = "-Xms32m -Xmx384m -XX:+UseSerialGC -Xss512k";

    /** Set on the child, so that it runs the devstack instead of starting another child. */
    static final String CHILD_PROPERTY = "owm.devstack.child";

    /** Longer than the child needs to stop its services one after another and then the broker and database. */
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(3);

    private BoundedJvm() {
    }

    static boolean isChild() {
        return Boolean.getBoolean(CHILD_PROPERTY);
    }

    /** The child's options when it runs on a Java of this version: the user's, or the defaults for that Java. */
    static String options(Map<String, String> env, int javaVersion) {
        String options = env.get("OWM_DEVSTACK_JVM_OPTS");
        return options == null || options.isBlank() ? DEFAULT_OPTIONS + JavaChoice.defaultOptionsFor(javaVersion)
                : options;
    }

    static List<String> command(Path javaHome, String options, List<String> ownOptions, String classPath,
            String[] args) {
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin").resolve("java").toString());
        command.addAll(Arrays.asList(options.trim().split("\\s+")));
        command.addAll(ownOptions);
        command.add("-D" + CHILD_PROPERTY + "=true");
        if (isExecutableJar(classPath)) {
            // The devstack's jar nests its libraries; its own launcher opens them.
            command.add("-jar");
            command.add(classPath);
        } else {
            command.add("-cp");
            command.add(classPath);
            command.add(Main.class.getName());
        }
        command.addAll(Arrays.asList(args));
        return command;
    }

    private static boolean isExecutableJar(String classPath) {
        return classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator);
    }

    /**
     * Runs the devstack in a child JVM, on the Java {@link JavaChoice} picks, and answers its exit code. Stopping this
     * process (Ctrl-C, SIGTERM) stops the child cleanly first; a child whose parent is gone (killed outright) stops
     * itself ({@link #stopWithParent}).
     */
    static int runInChild(Map<String, String> env, String[] args) throws InterruptedException {
        JavaChoice.Jdk jdk = JavaChoice.choose(env);
        List<String> command = command(jdk.home(), options(env, jdk.version()),
                ManagementFactory.getRuntimeMXBean().getInputArguments(), System.getProperty("java.class.path"),
                args);
        Process child;
        try {
            child = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the devstack's JVM: " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(child), "devstack-child-stop"));
        return child.waitFor();
    }

    /** In the child: the devstack stops (cleanly, through its shutdown hook) when the process that started it ends. */
    static void stopWithParent() {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
    }

    private static void stop(Process child) {
        child.destroy();
        try {
            if (!child.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.destroyForcibly();
        }
    }
}
