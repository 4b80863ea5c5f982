package io.owm.billing.admin;

import java.util.List;

record UserPage(List<UserView> users, long total, int page, int pageSize) {
}
