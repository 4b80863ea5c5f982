package io.owm.support.hosting;

import ch.qos.logback.classic.LoggerContext;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationHook;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.io.ApplicationResourceLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * How a service starts when the devstack hosts it beside the others in one JVM (the service-host module): its main
 * class runs as in its container, on the calling thread, with the differences that one JVM needs. Its environment
 * comes from the caller, layered over the JVM's exactly where the process environment would be (same relaxed names:
 * {@code SPRING_R2DBC_URL} is {@code spring.r2dbc.url}). It registers no shutdown hook of its own: the host closes
 * the services in order. It keeps its meters out of Micrometer's global registry, which is one per JVM and would
 * show each service's meters in the others' metrics, and counts only its own log lines ({@link HostedLogMetrics}).
 * It prints no banner. Only JDK types in the signature, as the host sees none of Spring: (main class, environment)
 * to what closes the application.
 */
public final class HostedStart implements BiFunction<String, Map<String, String>, AutoCloseable> {

    @Override
    public AutoCloseable apply(String mainClass, Map<String, String> environment) {
        Map<String, Object> values = new HashMap<>(environment);
        values.putIfAbsent("MANAGEMENT_METRICS_USEGLOBALREGISTRY", "false");
        // Four banners in the host's one console say nothing.
        values.putIfAbsent("SPRING_MAIN_BANNERMODE", "off");
        AtomicReference<ConfigurableApplicationContext> context = new AtomicReference<>();
        ClassLoader service = Thread.currentThread().getContextClassLoader();
        SpringApplicationHook hook = application -> {
            application.setRegisterShutdownHook(false);
            findExtensionsThrough(service, application);
            application.addListeners(new HostedEnvironment(values));
            application.addInitializers(HostedStart::countOwnLogLines);
            return new SpringApplicationRunListener() {
                @Override
                public void started(ConfigurableApplicationContext started, Duration timeTaken) {
                    context.set(started);
                }
            };
        };
        SpringApplication.withHook(hook, () -> runMain(mainClass));
        ConfigurableApplicationContext started = context.get();
        if (started == null) {
            throw new IllegalStateException(mainClass + " returned without starting an application");
        }
        return started::close;
    }

    /**
     * The host may load Spring Framework's base (spring-core and the modules under Spring Boot) once for all its
     * services, and where Spring is not told a class loader, it finds extensions ({@code spring.factories})
     * through the one that loaded it, which sees none of a service's own. Spring Boot's application type is decided
     * that way when the application is made (so a web service would start without its server), and so are its
     * environment post-processors unless the application has a resource loader: both are given the service's.
     */
    private static void findExtensionsThrough(ClassLoader service, SpringApplication application) {
        application.setResourceLoader(ApplicationResourceLoader.get(service));
        if (application.getWebApplicationType() == WebApplicationType.NONE) {
            for (WebApplicationType.Deducer deducer : SpringFactoriesLoader.forDefaultResourceLocation(service)
                    .load(WebApplicationType.Deducer.class)) {
                WebApplicationType type = deducer.deduceWebApplicationType();
                if (type != null) {
                    application.setWebApplicationType(type);
                    return;
                }
            }
        }
    }

    /** Instead of Micrometer's Logback metrics (which Spring Boot then leaves out): see {@link HostedLogMetrics}. */
    private static void countOwnLogLines(ConfigurableApplicationContext context) {
        if (context instanceof GenericApplicationContext registry
                && LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            ClassLoader service = Thread.currentThread().getContextClassLoader();
            registry.registerBean(HostedLogMetrics.class, () -> new HostedLogMetrics(service, logback));
        }
    }

    private static void runMain(String mainClass) {
        try {
            Class.forName(mainClass, true, Thread.currentThread().getContextClassLoader())
                    .getMethod("main", String[].class)
                    .invoke(null, (Object) new String[0]);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure
                    : new IllegalStateException(mainClass + " failed to start", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(mainClass + " has no usable main method", e);
        }
    }
}
