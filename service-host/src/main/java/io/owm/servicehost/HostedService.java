package io.owm.servicehost;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/**
 * One service in the shared JVM: its class loader, and the running application once started. Started through the
 * service's own {@value #ENTRY} (in service-support), which runs the service's main class as its container would and
 * hands back what closes it; only JDK types cross between the two class loaders.
 */
final class HostedService {

    static final String ENTRY = "io.owm.support.hosting.HostedStart";

    private final String name;
    private final String mainClass;
    private final Map<String, String> environment;
    private final ServiceClassLoader classLoader;
    private volatile AutoCloseable running;

    HostedService(ServicePlan.Service service) {
        this.name = service.name();
        this.mainClass = mainClassOf(service.application());
        this.environment = service.environment();
        List<URL> urls = new ArrayList<>();
        urls.add(url(service.application()));
        service.libraries().forEach(library -> urls.add(url(library)));
        this.classLoader = new ServiceClassLoader(name, urls.toArray(URL[]::new),
                HostedService.class.getClassLoader());
    }

    String name() {
        return name;
    }

    ServiceClassLoader classLoader() {
        return classLoader;
    }

    /** Runs the service's main class with its environment; returns once its application context is refreshed. */
    @SuppressWarnings("unchecked")
    void start() throws Exception {
        BiFunction<String, Map<String, String>, AutoCloseable> entry =
                (BiFunction<String, Map<String, String>, AutoCloseable>) Class.forName(ENTRY, true, classLoader)
                        .getConstructor().newInstance();
        running = inService(() -> entry.apply(mainClass, environment));
    }

    /** Closes the application context: graceful shutdown of its server and listeners, as on SIGTERM. */
    void stop() throws Exception {
        AutoCloseable application = running;
        if (application != null) {
            inService(() -> {
                application.close();
                return null;
            });
        }
    }

    /** What the service logs while this runs goes to its own log (the caller may be another thread). */
    private <T> T inService(ThrowingSupplier<T> action) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(classLoader);
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static String mainClassOf(Path application) {
        try (JarFile jar = new JarFile(application.toFile())) {
            String mainClass = jar.getManifest() == null ? null
                    : jar.getManifest().getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
            if (mainClass == null) {
                throw new IllegalArgumentException(application + " names no Main-Class in its manifest");
            }
            return mainClass;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + application, e);
        }
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(path + " is not a usable path", e);
        }
    }

    @FunctionalInterface
    private interface ThrowingSupplier<T> {
        T get() throws Exception;
    }
}
