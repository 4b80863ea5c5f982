package io.owm.benchmarks;

import java.time.Duration;
import java.util.Arrays;

/** One path of {@link RoundTripFloor}: its requests one after another, timed after a warm-up. */
record FloorResult(String path, double perSecond, double p50, double p90, double p99, double cpuHere,
        double cpuPostgres) {

    /** One request; {@code n} counts the requests so far, to spread them over users. */
    interface Request {
        void send(long n) throws Exception;
    }

    static FloorResult measure(String path, Duration warmup, Duration measured, Request request) throws Exception {
        long n = 0;
        long warmEnd = System.nanoTime() + warmup.toNanos();
        while (System.nanoTime() < warmEnd) {
            request.send(n++);
        }
        long[] latencies = new long[1 << 16];
        int count = 0;
        Duration hereBefore = CpuTime.ofThisProcess();
        Duration postgresBefore = CpuTime.ofPostgres();
        long start = System.nanoTime();
        long end = start + measured.toNanos();
        long now = start;
        while (now < end) {
            request.send(n++);
            long done = System.nanoTime();
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = done - now;
            now = done;
        }
        double seconds = (now - start) / 1e9;
        double here = (CpuTime.ofThisProcess().minus(hereBefore)).toNanos() / 1e6 / count;
        double postgres = (CpuTime.ofPostgres().minus(postgresBefore)).toNanos() / 1e6 / count;
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        return new FloorResult(path, count / seconds, millis(sorted, 0.50), millis(sorted, 0.90), millis(sorted, 0.99),
                here, postgres);
    }

    private static double millis(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] / 1e6;
    }

    String row() {
        return String.format("| %s | %,.0f | %.2f | %.2f | %.2f | %.2f, %.2f |", path, perSecond, p50, p90, p99,
                cpuHere, cpuPostgres);
    }
}
