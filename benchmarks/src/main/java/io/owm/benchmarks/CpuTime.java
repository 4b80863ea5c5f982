package io.owm.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time used so far (user and system) by processes, from Linux's {@code /proc}, without the JVMs' JIT compiler
 * threads: on a small machine the compilers of several freshly started JVMs run for minutes, and what a capacity
 * model needs is the cost of serving, which they are not.
 */
final class CpuTime {

    /** Linux's clock ticks per second for {@code /proc} times ({@code getconf CLK_TCK}) on every common kernel. */
    private static final long TICKS_PER_SECOND = 100;

    private CpuTime() {
    }

    static Duration of(List<Long> pids) {
        return pids.stream().map(CpuTime::of).reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * One process, its JIT compiler threads left out: the process's total (which keeps the time of threads that
     * have ended) less what its compiler threads have used.
     */
    static Duration of(long pid) {
        Duration total = ProcessHandle.of(pid).flatMap(handle -> handle.info().totalCpuDuration())
                .orElse(Duration.ZERO);
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (Stream<Path> threads = Files.list(tasks)) {
            long compilerTicks = threads.mapToLong(CpuTime::compilerTicks).sum();
            return total.minusMillis(compilerTicks * 1000 / TICKS_PER_SECOND);
        } catch (IOException e) {
            // The process has exited.
            return Duration.ZERO;
        }
    }

    /** Every PostgreSQL server process on the machine: the postmaster and its backends. */
    static Duration ofPostgres() {
        return ProcessHandle.allProcesses()
                .filter(handle -> handle.info().command().map(command -> command.endsWith("/postgres")).orElse(false))
                .map(handle -> of(handle.pid()))
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** This JVM: the benchmark's load generator and, in-process, the Kafka broker. */
    static Duration ofThisProcess() {
        return of(ProcessHandle.current().pid());
    }

    private static long compilerTicks(Path thread) {
        try {
            String stat = Files.readString(thread.resolve("stat"));
            // "tid (name) state ...": the name may hold spaces and parentheses; fields count from the last ')'.
            int nameEnd = stat.lastIndexOf(')');
            String name = stat.substring(stat.indexOf('(') + 1, nameEnd);
            if (!name.startsWith("C1 Compiler") && !name.startsWith("C2 Compiler")) {
                return 0;
            }
            String[] fields = stat.substring(nameEnd + 2).split(" ");
            // After the name: state is field 3 of the whole line, utime 14 and stime 15.
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | UncheckedIOException e) {
            // The thread has ended.
            return 0;
        }
    }
}
