package io.owm.gateway.billing;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What this gateway last heard of its users (balance, blocked), for answers given while billing is slow. Bounded:
 * the users heard of longest ago are forgotten first, and a forgotten user is answered as one never heard of.
 */
final class KnownUsers {

    private record Known(BigDecimal balance, boolean blocked) {
    }

    private final Map<String, Known> users;

    KnownUsers(int capacity) {
        this.users = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void balance(String userId, BigDecimal balance) {
        Known known = users.get(userId);
        users.put(userId, new Known(balance, known != null && known.blocked()));
    }

    synchronized void blocked(String userId, boolean blocked) {
        Known known = users.get(userId);
        users.put(userId, new Known(known == null ? null : known.balance(), blocked));
    }

    synchronized Optional<BigDecimal> balanceOf(String userId) {
        Known known = users.get(userId);
        return Optional.ofNullable(known == null ? null : known.balance());
    }

    synchronized boolean isBlocked(String userId) {
        Known known = users.get(userId);
        return known != null && known.blocked();
    }

    synchronized int size() {
        return users.size();
    }
}
