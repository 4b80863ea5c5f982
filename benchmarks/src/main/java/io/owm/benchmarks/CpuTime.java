package io.owm.benchmarks;

import java.time.Duration;
import java.util.List;

/** CPU time used so far (user and system) by processes, as the operating system counts it. */
final class CpuTime {

    private CpuTime() {
    }

    static Duration of(List<Long> pids) {
        return pids.stream().map(CpuTime::of).reduce(Duration.ZERO, Duration::plus);
    }

    static Duration of(long pid) {
        return ProcessHandle.of(pid).flatMap(handle -> handle.info().totalCpuDuration()).orElse(Duration.ZERO);
    }

    /** Every PostgreSQL server process on the machine: the postmaster and its backends. */
    static Duration ofPostgres() {
        return ProcessHandle.allProcesses()
                .filter(handle -> handle.info().command().map(command -> command.endsWith("/postgres")).orElse(false))
                .map(handle -> handle.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** This JVM: the benchmark's load generator and, in-process, the Kafka broker. */
    static Duration ofThisProcess() {
        return of(ProcessHandle.current().pid());
    }
}
