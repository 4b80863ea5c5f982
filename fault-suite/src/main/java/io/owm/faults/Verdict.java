package io.owm.faults;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one scenario did and whether the books are right afterwards, from billing's database and the admin API:
 * every outlet that got a 2xx (or that the suite published itself) charged exactly once, no charge without a
 * request, every answered number equal to the ledger, every balance equal to its ledger and to the initial balance
 * minus the expected costs.
 */
record Verdict(String scenario, long httpAttempts, long outlets, long accepted, long pendingAnswers,
        long failedAttempts, long charged, long lost, long doubled, long wrongNumbers, String normalAfter,
        String pendingChargedBy, List<String> problems) {

    boolean passed() {
        return problems.isEmpty();
    }

    String row() {
        return "| %s | %,d | %,d | %,d | %,d | %,d | %,d | %d | %d | %d | %s | %s | %s |".formatted(scenario,
                httpAttempts, outlets, accepted, pendingAnswers, failedAttempts, charged, lost, doubled,
                wrongNumbers, normalAfter, pendingChargedBy, passed() ? "pass" : "**FAIL**");
    }

    static String header() {
        return """
                | scenario | outlet calls | outlets | accepted (2xx) | pending answers | failed calls (retried) \
                | charged | lost | doubled | wrong numbers | normal answers again after | pending ones charged by | result |
                |---|---|---|---|---|---|---|---|---|---|---|---|---|""";
    }

    static Verdict judge(String scenario, String userPrefix, List<SentOutlet> sent, LedgerAudit audit,
            AdminApi api, String normalAfter, Duration chargedAfter, long repairedAtMillis, List<String> scenarioProblems)
            throws SQLException {
        List<String> problems = new ArrayList<>(scenarioProblems);
        if ("never".equals(normalAfter)) {
            problems.add("billing never answered again after the repair: the system did not recover by itself");
        }
        if (chargedAfter == null) {
            problems.add("not every accepted outlet was charged within the waiting time");
        }
        Map<String, List<LedgerAudit.Charge>> charges = audit.chargesByUserAndCost(userPrefix);
        long lost = 0;
        long doubled = 0;
        long wrong = 0;
        long charged = 0;
        long matched = 0;
        Map<String, BigDecimal> expectedBalances = new HashMap<>();
        long lastPendingCharged = -1;
        for (SentOutlet outlet : sent) {
            List<LedgerAudit.Charge> found = charges.getOrDefault(
                    LedgerAudit.key(outlet.user, outlet.expectedCost()), List.of());
            matched += found.size();
            if (found.size() > 1) {
                doubled++;
                problems.add("charged %d times: %s %s/%s".formatted(found.size(), outlet.user, outlet.chatId,
                        outlet.messageId));
            } else if (found.isEmpty() && outlet.mustBeCharged()) {
                lost++;
                problems.add("accepted but never charged: %s %s/%s".formatted(outlet.user, outlet.chatId,
                        outlet.messageId));
            }
            if (!found.isEmpty()) {
                charged++;
            }
            expectedBalances.merge(outlet.user, new BigDecimal(FaultStack.INIT_BALANCE), (a, b) -> a);
            if (found.size() == 1) {
                expectedBalances.merge(outlet.user, outlet.expectedCost().negate(), BigDecimal::add);
                wrong += wrongAnswers(outlet, found.get(0), problems);
                if (outlet.answers().stream().anyMatch(a -> a.accepted() && a.pending())) {
                    lastPendingCharged = Math.max(lastPendingCharged, found.get(0).atMillis());
                }
            }
        }
        long allCharges = charges.values().stream().mapToLong(List::size).sum();
        if (allCharges != matched) {
            problems.add((allCharges - matched) + " charges that match no request the suite sent");
        }
        long processed = audit.processedCharges(userPrefix);
        if (processed != charged) {
            problems.add("processed_requests holds " + processed + " charged requests, the ledger " + charged);
        }
        // A hold stays open only for an inlet whose outlet was not charged (the traffic stopped, or its calls all
        // failed): never more of them than such chats.
        Map<String, BigDecimal> openHolds = audit.openHolds(userPrefix);
        openHolds.forEach((user, held) -> expectedBalances.merge(user, held.negate(), BigDecimal::add));
        long openCount = openHolds.values().stream()
                .mapToLong(held -> held.divide(new BigDecimal(FaultStack.INLET_HOLD)).longValueExact()).sum();
        long uncharged = sent.stream().filter(o -> !o.viaKafka && !charges.containsKey(
                LedgerAudit.key(o.user, o.expectedCost()))).count();
        if (openCount > uncharged) {
            problems.add(openCount + " holds still open, but only " + uncharged + " chats were not charged");
        }
        Map<String, BigDecimal> balances = audit.balances(userPrefix);
        expectedBalances.forEach((user, expected) -> {
            BigDecimal actual = balances.get(user);
            if (actual == null || actual.compareTo(expected) != 0) {
                problems.add("balance of %s is %s, expected %s".formatted(user, actual, expected));
            }
        });
        long unequal = audit.balancesNotEqualToLedgers();
        if (unequal != 0) {
            problems.add(unequal + " users whose balance is not the sum of their ledger");
        }
        long broken = audit.entriesBreakingTheRunningSum();
        if (broken != 0) {
            problems.add(broken + " ledger entries whose balance_after is not the running sum");
        }
        problems.addAll(api.balancesDifferingFrom(balances, userPrefix));
        long attempts = sent.stream().mapToLong(o -> o.answers().size()).sum();
        long accepted = sent.stream().filter(o -> o.answers().stream().anyMatch(SentOutlet.Answer::accepted)).count();
        long pending = sent.stream().flatMap(o -> o.answers().stream())
                .filter(a -> a.accepted() && a.pending()).count();
        long failed = sent.stream().flatMap(o -> o.answers().stream()).filter(a -> !a.accepted()).count();
        return new Verdict(scenario, attempts, sent.size(), accepted, pending, failed, charged, lost, doubled, wrong,
                normalAfter, lastPendingCharged < 0 ? "-" : "%.1f s after the repair".formatted(
                        Math.max(0, lastPendingCharged - repairedAtMillis) / 1000.0),
                problems.size() > 20 ? withSummary(problems) : problems);
    }

    /** An accepted answer must carry the expected tokens; one that is not pending, the ledger's exact numbers. */
    private static long wrongAnswers(SentOutlet outlet, LedgerAudit.Charge charge, List<String> problems) {
        long wrong = 0;
        for (SentOutlet.Answer answer : outlet.answers()) {
            if (!answer.accepted()) {
                continue;
            }
            boolean tokens = answer.inputTokens() == outlet.inputTokens
                    && answer.outputTokens() == outlet.outputTokens;
            boolean money = answer.pending() || (answer.totalCost() != null
                    && answer.totalCost().compareTo(outlet.expectedCost()) == 0
                    && answer.newBalance() != null && answer.newBalance().compareTo(charge.balanceAfter()) == 0);
            if (!tokens || !money) {
                wrong++;
                problems.add("wrong answer for %s %s/%s: %s, ledger says cost %s, balance %s".formatted(outlet.user,
                        outlet.chatId, outlet.messageId, answer, charge.amount().negate(), charge.balanceAfter()));
            }
        }
        return wrong;
    }

    private static List<String> withSummary(List<String> problems) {
        List<String> shown = new ArrayList<>(problems.subList(0, 20));
        shown.add("... and " + (problems.size() - 20) + " more");
        return shown;
    }
}
