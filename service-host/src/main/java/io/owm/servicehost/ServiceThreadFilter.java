package io.owm.servicehost;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/** Lets through only lines written on a service's threads, or only the host's own (logback.xml). */
public final class ServiceThreadFilter extends Filter<ILoggingEvent> {

    private boolean onServiceThread = true;

    public void setOnServiceThread(boolean onServiceThread) {
        this.onServiceThread = onServiceThread;
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        return (ServiceThreads.currentService() != null) == onServiceThread ? FilterReply.NEUTRAL : FilterReply.DENY;
    }
}
