package io.owm.billing.admin;

/** A checked {@code page}/{@code pageSize} pair, 1-based as in the original app. */
record PageRequest(int page, int pageSize) {

    static final int MAX_PAGE_SIZE = 200;
    private static final int DEFAULT_PAGE_SIZE = 20;

    static PageRequest of(Integer page, Integer pageSize) {
        int p = page == null ? 1 : page;
        int size = pageSize == null ? DEFAULT_PAGE_SIZE : pageSize;
        if (p < 1) {
            throw AdminApiException.badRequest("page must be 1 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw AdminApiException.badRequest("pageSize must be between 1 and " + MAX_PAGE_SIZE);
        }
        return new PageRequest(p, size);
    }

    long offset() {
        return (long) (page - 1) * pageSize;
    }
}
