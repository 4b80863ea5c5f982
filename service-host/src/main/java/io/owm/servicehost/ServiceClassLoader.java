package io.owm.servicehost;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * A service's own classes and libraries, above the libraries the host shares. Parent first, as in the service's
 * own JVM, where the shared libraries and its own are one class path; its name is the service's.
 */
final class ServiceClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    ServiceClassLoader(String service, URL[] urls, ClassLoader shared) {
        super(service, urls, shared);
    }
}
