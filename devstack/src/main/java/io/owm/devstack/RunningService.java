package io.owm.devstack;

import io.owm.localinfra.ServiceProcess;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * One of the four services as the devstack waits for it, whether it has a JVM of its own or shares one.
 *
 * @param jvmAlive false once the JVM it runs in has exited
 * @param probe    whether it says it is ready on its readiness probe
 */
record RunningService(String name, BooleanSupplier jvmAlive, BooleanSupplier probe, Path log) {

    static RunningService of(ServiceProcess process) {
        return new RunningService(process.name(), process::alive, process::ready, process.log());
    }

    boolean alive() {
        return jvmAlive.getAsBoolean();
    }

    boolean ready() {
        return probe.getAsBoolean();
    }

    String lastLogLines(int count) {
        return ServiceProcess.lastLines(log, count);
    }
}
