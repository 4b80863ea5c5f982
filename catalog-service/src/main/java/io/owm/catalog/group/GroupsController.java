package io.owm.catalog.group;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * OpenWebUI's groups as the catalog last synced them (for assigning plans per group), and a sync on demand. The
 * gateway checks {@code ACCESS_TOKEN} before routing here.
 */
@RestController
class GroupsController {

    private final GroupSync sync;

    GroupsController(GroupSync sync) {
        this.sync = sync;
    }

    /** {@code {groups: [{name, members}]}}, by name. */
    @GetMapping("/api/v1/groups")
    Mono<Map<String, Object>> list() {
        return sync.stored().map(byUser -> {
            Map<String, Integer> members = new TreeMap<>();
            byUser.values().forEach(groups -> groups.forEach(group -> members.merge(group, 1, Integer::sum)));
            List<Map<String, Object>> groups = members.entrySet().stream()
                    .map(group -> Map.<String, Object>of("name", group.getKey(), "members", group.getValue()))
                    .toList();
            return Map.of("groups", groups);
        });
    }

    /** Syncs now; a failure is answered with OpenWebUI's problem (the catalog's error advice). */
    @PostMapping("/api/v1/groups/sync")
    Mono<Map<String, Object>> syncNow() {
        return sync.sync().map(result -> {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("success", true);
            answer.put("groups", result.groups());
            answer.put("members", result.members());
            answer.put("changed", result.changed());
            return answer;
        });
    }
}
