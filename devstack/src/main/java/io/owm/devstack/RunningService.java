package io.owm.devstack;

import io.owm.localinfra.ServiceProcess;
import java.nio.file.Path;

/** One of the four services as the devstack waits for it, whether it has a JVM of its own or shares one. */
interface RunningService {

    String name();

    /** False once the JVM it runs in has exited. */
    boolean alive();

    boolean ready();

    Path log();

    default String lastLogLines(int count) {
        return ServiceProcess.lastLines(log(), count);
    }

    static RunningService of(ServiceProcess process) {
        return new RunningService() {
            @Override
            public String name() {
                return process.name();
            }

            @Override
            public boolean alive() {
                return process.alive();
            }

            @Override
            public boolean ready() {
                return process.ready();
            }

            @Override
            public Path log() {
                return process.log();
            }
        };
    }
}
