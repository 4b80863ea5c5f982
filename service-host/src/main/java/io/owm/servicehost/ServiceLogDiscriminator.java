package io.owm.servicehost;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.sift.AbstractDiscriminator;

/** Sorts log lines by the service whose thread wrote them, for a file per service (logback.xml). */
public final class ServiceLogDiscriminator extends AbstractDiscriminator<ILoggingEvent> {

    static final String KEY = "service";
    static final String HOST = "service-host";

    @Override
    public String getDiscriminatingValue(ILoggingEvent event) {
        String service = ServiceThreads.currentService();
        return service == null ? HOST : service;
    }

    @Override
    public String getKey() {
        return KEY;
    }
}
