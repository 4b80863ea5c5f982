package io.owm.billing.admin;

import java.util.Map;

/**
 * A validated users-list request. Sort fields come from a fixed list mapped to columns: a request parameter
 * never becomes SQL text (the original pasted {@code sortField} into its query).
 */
record UserListQuery(int page, int pageSize, String sortColumn, boolean descending, String search, Boolean deleted) {

    static final int MAX_PAGE_SIZE = 200;

    private static final Map<String, String> SORT_COLUMNS = Map.of(
            "balance", "balance",
            "name", "name",
            "email", "email",
            "role", "role",
            "created_at", "created_at",
            "createdAt", "created_at");

    static UserListQuery of(Integer page, Integer pageSize, String sortField, String sortOrder, String search,
            Boolean deleted) {
        int p = page == null ? 1 : page;
        int size = pageSize == null ? 20 : pageSize;
        if (p < 1) {
            throw new BadRequestException("page must be 1 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new BadRequestException("pageSize must be between 1 and " + MAX_PAGE_SIZE);
        }
        String column = sortField == null || sortField.isBlank() ? "created_at" : SORT_COLUMNS.get(sortField);
        if (column == null) {
            throw new BadRequestException("sortField must be one of balance, name, email, role, created_at");
        }
        boolean descending;
        if (sortOrder == null || sortOrder.isBlank() || sortOrder.equals("descend") || sortOrder.equals("desc")) {
            descending = true;
        } else if (sortOrder.equals("ascend") || sortOrder.equals("asc")) {
            descending = false;
        } else {
            throw new BadRequestException("sortOrder must be ascend or descend");
        }
        String term = search == null || search.isBlank() ? null : search.trim();
        return new UserListQuery(p, size, column, descending, term, deleted);
    }

    long offset() {
        return (long) (page - 1) * pageSize;
    }
}
