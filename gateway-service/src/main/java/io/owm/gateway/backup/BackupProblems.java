package io.owm.gateway.backup;

import java.util.ArrayList;
import java.util.List;

/** Every problem found in a backup, each with where it is ({@code data.users[3].balance}) and what is wrong. */
final class BackupProblems {

    /** Enough to fix a file by; a file with thousands of bad rows is reported by its first ones and the count. */
    static final int LISTED = 100;

    private final List<Problem> listed = new ArrayList<>();
    private int total;

    void add(String location, String problem) {
        total++;
        if (listed.size() < LISTED) {
            listed.add(new Problem(location, problem));
        }
    }

    boolean isEmpty() {
        return total == 0;
    }

    int total() {
        return total;
    }

    List<Problem> listed() {
        return listed;
    }

    record Problem(String location, String problem) {
    }
}
