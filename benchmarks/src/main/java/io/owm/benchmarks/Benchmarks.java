package io.owm.benchmarks;

import java.util.Arrays;

/**
 * Entry point: {@code java -jar benchmarks/target/benchmarks.jar <benchmark> [--option=value ...]}, run from the
 * repository root after {@code ./mvnw -DskipTests package}.
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        Benchmark benchmark;
        try {
            benchmark = named(args[0], Options.parse(Arrays.copyOfRange(args, 1, args.length)));
        } catch (IllegalArgumentException e) {
            // A mistyped option or a missing jar: its message, not a stack trace.
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (benchmark == null) {
            usage();
            System.exit(2);
        }
        benchmark.run();
    }

    private interface Benchmark {
        void run() throws Exception;
    }

    private static Benchmark named(String name, Options options) {
        return switch (name) {
            case "billing-drain" -> new BillingDrainBenchmark(options)::run;
            case "scale-out" -> new ScaleOutBenchmark(options)::run;
            case "round-trip-floor" -> new RoundTripFloor(options)::run;
            default -> null;
        };
    }

    private static void usage() {
        System.err.println("""
                usage: java -jar benchmarks/target/benchmarks.jar <benchmark> [--option=value ...]

                  billing-drain   preloads a backlog of ChatCompleted events, then starts billing instances
                                  and measures charges per second until the backlog is charged
                      --events=30000       events in the backlog
                      --users=1000         distinct users (events are keyed, so partitioned, by user)
                      --partitions=6       partitions of chat-events and billing-events
                      --instances=1,2      billing instance counts to measure, one run each
                      --billing-jar=billing-service/target/billing-service.jar

                  scale-out       for each topology of gateways x billing instances, a fresh broker and
                                  database, outlets through every gateway, and the billing replies each
                                  gateway read per request it served (about 1 when replies are routed)
                      --gateways=1,2,4     gateway instance counts
                      --billing=1,2        billing instance counts
                      --connections=32     concurrent outlets, spread over the gateways
                      --users=1000         distinct users
                      --partitions=6       partitions of every topic (at least the most gateways)
                      --warmup=120         seconds of load before the measured window (the JIT's)
                      --seconds=20         seconds measured
                      --billing-jar=billing-service/target/billing-service.jar
                      --gateway-jar=gateway-service/target/gateway-service.jar

                  round-trip-floor  the least time one outlet can take on this machine without the services:
                                  a fresh broker and PostgreSQL (fsync on), plain Kafka clients and JDBC,
                                  one request at a time; a charge's transaction alone, a request and reply
                                  through the broker, then both as an outlet
                      --warmup=30          seconds before each path's measured window
                      --seconds=20         seconds measured per path
                      --users=100          distinct users the charges spread over
                """);
    }
}
