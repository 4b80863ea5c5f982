package io.owm.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

/**
 * Many OpenWebUI users chatting through the function: inlet when a chat starts, outlet when the reply is complete,
 * a few outlets sent twice. Every answer must be a 200 with {@code success: true} and without {@code pending}
 * (billing answered in time); anything else counts as an error and fails the run. See {@link LoadSettings} for the
 * knobs and load-tests/README.md for the commands.
 */
public class FunctionApiSimulation extends Simulation {

    private final LoadSettings settings = LoadSettings.fromSystemProperties();

    {
        System.out.println("Load: " + settings.describe() + " against " + settings.url());
        HttpProtocolBuilder protocol = http.baseUrl(settings.url())
                .authorizationHeader("Bearer " + settings.apiKey())
                .contentTypeHeader("application/json")
                .acceptHeader("application/json");
        setUp(population()).protocols(protocol)
                .maxDuration(settings.duration().plusSeconds(30))
                .assertions(global().failedRequests().count().is(0L));
    }

    private PopulationBuilder population() {
        ChainBuilder oneChat = feed(new Conversations(settings)).exec(calls());
        if (settings.workload().equals("closed")) {
            ScenarioBuilder users = scenario("closed: " + settings.describe())
                    .exec(during(settings.duration()).on(oneChat));
            return users.injectOpen(atOnceUsers(settings.concurrency()));
        }
        ScenarioBuilder arrivals = scenario("open: " + settings.describe()).exec(oneChat);
        return arrivals.injectOpen(constantUsersPerSec(settings.rate()).during(settings.duration()));
    }

    private ChainBuilder calls() {
        ChainBuilder retry = exec(outlet("outlet (retry)"));
        return switch (settings.mode()) {
            case "inlet" -> exec(inlet());
            case "outlet" -> exec(outlet("outlet")).doIf("#{retry}").then(retry);
            default -> exec(inlet())
                    .pause(settings.thinkTime().dividedBy(2), settings.thinkTime().multipliedBy(3).dividedBy(2))
                    .exec(outlet("outlet")).doIf("#{retry}").then(retry);
        };
    }

    private static HttpRequestActionBuilder inlet() {
        return http("inlet").post("/api/v1/inlet").body(StringBody("#{inletBody}"))
                .check(status().is(200), jsonPath("$.success").ofBoolean().is(true),
                        jsonPath("$.balance").exists(), jsonPath("$.pending").notExists());
    }

    private static HttpRequestActionBuilder outlet(String name) {
        return http(name).post("/api/v1/outlet").body(StringBody("#{outletBody}"))
                .check(status().is(200), jsonPath("$.success").ofBoolean().is(true),
                        jsonPath("$.totalCost").exists(), jsonPath("$.newBalance").exists(),
                        jsonPath("$.pending").notExists());
    }
}
