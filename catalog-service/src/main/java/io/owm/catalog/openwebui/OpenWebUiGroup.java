package io.owm.catalog.openwebui;

import java.util.List;

/** A group of OpenWebUI users, as its admin API lists it. */
public record OpenWebUiGroup(String id, String name, List<String> userIds) {

    public OpenWebUiGroup {
        userIds = List.copyOf(userIds);
    }
}
