package io.owm.billing.admin;

import java.util.Map;

/**
 * A validated users-list request. Sort fields come from a fixed list mapped to columns: a request parameter
 * never becomes SQL text (the original pasted {@code sortField} into its query).
 *
 * @param deleted which users: blocked ({@code true}), active ({@code false}), or every user ({@code null}, asked
 *                for with {@code deleted=all}); without the parameter active users only, as the original lists them
 */
record UserListQuery(PageRequest paging, String sortColumn, boolean descending, String search, Boolean deleted) {

    private static final Map<String, String> SORT_COLUMNS = Map.of(
            "balance", "balance",
            "name", "name",
            "email", "email",
            "role", "role",
            "created_at", "created_at",
            "createdAt", "created_at");

    static UserListQuery of(Integer page, Integer pageSize, String sortField, String sortOrder, String search,
            String deleted) {
        PageRequest paging = PageRequest.of(page, pageSize);
        String column = sortField == null || sortField.isBlank() ? "created_at" : SORT_COLUMNS.get(sortField);
        if (column == null) {
            throw AdminApiException.badRequest("sortField must be one of balance, name, email, role, created_at");
        }
        boolean descending;
        if (sortOrder == null || sortOrder.isBlank() || sortOrder.equals("descend") || sortOrder.equals("desc")) {
            descending = true;
        } else if (sortOrder.equals("ascend") || sortOrder.equals("asc")) {
            descending = false;
        } else {
            throw AdminApiException.badRequest("sortOrder must be ascend or descend");
        }
        String term = search == null || search.isBlank() ? null : search.trim();
        return new UserListQuery(paging, column, descending, term, which(deleted));
    }

    private static Boolean which(String deleted) {
        if (deleted == null || deleted.isBlank() || deleted.equals("false")) {
            return false;
        }
        if (deleted.equals("true")) {
            return true;
        }
        if (deleted.equals("all")) {
            return null;
        }
        throw AdminApiException.badRequest("deleted must be true (blocked users), false (active users, the default)"
                + " or all");
    }
}
