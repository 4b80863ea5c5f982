package io.owm.servicehost;

/**
 * Which service the current thread works for: the one whose class loader is its context class loader. A thread
 * gets it from the thread that created it, so a service's Netty, Kafka and scheduler threads carry it; threads of
 * the shared libraries' own pools (Reactor's schedulers) carry the loader of the service that first needed them.
 */
final class ServiceThreads {

    private ServiceThreads() {
    }

    /** The service's name, or null on a thread of the host itself. */
    static String currentService() {
        return Thread.currentThread().getContextClassLoader() instanceof ServiceClassLoader service
                ? service.getName()
                : null;
    }
}
