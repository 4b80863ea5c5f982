package io.owm.servicehost;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs several Spring Boot services in this one JVM, as the devstack does with its four: the libraries they all use
 * unchanged (Netty, Kafka's client, Jackson, Reactor, Micrometer, Logback) are on this JVM's class path and loaded
 * once; each service's own code and the libraries that build on Spring are on a class loader of its own, so each
 * sees exactly the class path it has in its own container. What to run comes from standard input ({@link
 * ServicePlan}), so that the keys in the services' environment never touch the disk.
 *
 * <p>The services start side by side, and stop in the reverse of the plan's order (the devstack lists billing first,
 * so the gateway stops taking requests before billing finishes what it has). If one cannot start, the JVM exits
 * with status 1 after stopping the others.
 */
public final class ServicesHost {

    private ServicesHost() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        ServicePlan plan = ServicePlan.read(System.in);
        List<HostedService> services = new ArrayList<>();
        for (ServicePlan.Service service : plan.services()) {
            services.add(new HostedService(service));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopInReverse(services), "services-stop"));

        List<Thread> starting = new ArrayList<>();
        List<String> failures = new CopyOnWriteArrayList<>();
        for (HostedService service : services) {
            Thread thread = new Thread(() -> {
                try {
                    service.start();
                } catch (Exception | LinkageError e) {
                    failures.add(service.name() + " did not start (" + rootCause(e) + "); see its log, "
                            + service.name() + ".log");
                }
            }, service.name() + "-main");
            // Threads inherit their creator's context class loader: every thread the service starts is marked as
            // its own, which is how its log lines find its log file (ServiceThreads).
            thread.setContextClassLoader(service.classLoader());
            starting.add(thread);
            thread.start();
        }
        for (Thread thread : starting) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            failures.forEach(System.err::println);
            System.exit(1);
        }
        System.out.println("Started " + services.stream().map(HostedService::name).toList());
    }

    /** Those not started (yet) have nothing to close. */
    private static void stopInReverse(List<HostedService> services) {
        List<HostedService> order = new ArrayList<>(services);
        Collections.reverse(order);
        for (HostedService service : order) {
            try {
                service.stop();
            } catch (Exception e) {
                System.err.println(service.name() + " did not stop cleanly: " + rootCause(e));
            }
        }
    }

    private static String rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getName() + ": " + cause.getMessage();
    }
}
