package io.owm.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin console in headless Chromium against the shared running stack: what an admin does with it, checked
 * in the browser and behind it (the next charge, the ledger, the downloaded file). Each test saves a screenshot
 * of its page in target/screenshots; every test fails on a script error or a Content-Security-Policy violation.
 */
@ExtendWith(RunningStack.class)
class ConsoleIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static RunningStack.Gateway gateway;
    private static Browser browser;

    /** A failed test leaves a picture of what the browser showed, next to the others. */
    @RegisterExtension
    static final TestWatcher FAILURE_SCREENSHOTS = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser != null) {
                browser.screenshot("failed-" + context.getRequiredTestMethod().getName());
            }
        }
    };

    @BeforeAll
    static void start(RunningStack.Gateway running) {
        gateway = running;
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void signedOut() {
        browser.open(gateway.url() + "/");
        browser.script("sessionStorage.clear(); localStorage.removeItem('owm.language')");
        browser.open(gateway.url() + "/");
    }

    @AfterEach
    void noScriptErrors() {
        assertThat(browser.scriptProblems()).as("script errors and CSP violations in the browser console").isEmpty();
    }

    /** Every page in Chinese and Spanish: the switch is remembered, and each page is drawn in the language. */
    @ParameterizedTest
    @CsvSource({"zh, zh-CN, 模型, 套餐", "es, es, Modelos, Planes"})
    void everyPageSpeaksTheLanguageChosenAndTheChoiceIsRemembered(String language, String htmlLang, String models,
            String plans) {
        signIn(gateway.accessToken());
        new Select(browser.visible(By.cssSelector(".top-bar select[name=language]"))).selectByValue(language);
        browser.await().until(driver -> htmlLang.equals(browser.script("return document.documentElement.lang")));
        assertThat(browser.visible(By.cssSelector(".main-nav a[data-nav=models]")).getText()).isEqualTo(models);
        assertThat(browser.visible(By.cssSelector(".main-nav a[data-nav=plans]")).getText()).isEqualTo(plans);
        for (String page : List.of("models", "users", "plans", "usage", "settings", "backup")) {
            go(page);
            browser.await().until(driver -> driver.findElements(By.cssSelector("main [aria-busy=true], main .loading"))
                    .isEmpty());
            browser.screenshot(page + "-" + language);
        }
        // Remembered: a new visit (the token forgotten) opens in the same language.
        browser.script("sessionStorage.clear()");
        browser.open(gateway.url() + "/");
        browser.await().until(driver -> htmlLang.equals(browser.script("return document.documentElement.lang")));
        browser.screenshot("login-" + language);
    }

    @Test
    void refusesAWrongTokenAndTheFunctionKeyAndOpensWithTheAdminToken() {
        signIn("not-the-token");
        assertThat(refusal()).contains("refused");
        assertThat(browser.driver.findElements(By.cssSelector(".main-nav"))).isEmpty();
        browser.screenshot("login");

        signIn(gateway.apiKey());
        assertThat(refusal()).contains("refused");
        assertThat(browser.driver.findElements(By.cssSelector(".main-nav"))).isEmpty();

        signIn(gateway.accessToken());
        browser.visible(By.cssSelector(".main-nav a[aria-current=page]"));
        assertThat(browser.script("return sessionStorage.getItem('owm.accessToken')")).isEqualTo(gateway.accessToken());

        browser.clickable(By.cssSelector("button.sign-out")).click();
        browser.visible(By.cssSelector(".login input[type=password]"));
        assertThat(browser.script("return sessionStorage.getItem('owm.accessToken')")).isNull();
    }

    @Test
    void aTopUpWithANoteChangesTheBalanceAndAppearsInTheLedger() {
        String user = "console-user-" + UUID.randomUUID();
        inlet(user, "Console Tester", "some-model");
        signIn(gateway.accessToken());
        searchUsers(user);
        By row = By.cssSelector("tr[data-user-id='" + user + "']");
        assertThat(browser.visible(By.cssSelector("tr[data-user-id='" + user + "'] .balance")).getText())
                .isEqualTo("$10.00");

        browser.visible(row).findElement(By.cssSelector("[data-action=top-up]")).click();
        WebElement dialog = browser.visible(By.cssSelector("dialog[open]"));
        dialog.findElement(By.name("amount")).sendKeys("0");
        dialog.findElement(By.cssSelector("button[type=submit]")).click();
        assertThat(browser.visible(By.cssSelector("dialog[open] .field-error")).getText()).contains("other than 0");

        browser.type(dialog.findElement(By.name("amount")), "5.25");
        dialog.findElement(By.name("note")).sendKeys("invoice 42");
        dialog.findElement(By.cssSelector("button[type=submit]")).click();
        browser.await().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("dialog[open]")));
        browser.await().until(ExpectedConditions.textToBe(
                By.cssSelector("tr[data-user-id='" + user + "'] .balance"), "$15.25"));
        browser.screenshot("users");

        browser.clickable(By.cssSelector("tr[data-user-id='" + user + "'] [data-action=ledger]")).click();
        WebElement entry = browser.visible(By.xpath("//table[contains(@class,'ledger-table')]//tr[td[text()='invoice 42']]"));
        assertThat(entry.getText()).contains("+$5.25", "$15.25", "Top-up or deduction", "admin-console");
        assertThat(browser.visible(By.cssSelector(".facts .balance dd")).getText()).isEqualTo("$15.25");
        browser.screenshot("ledger");

        JsonNode ledger = getJson("/api/v1/users/" + user + "/ledger");
        assertThat(ledger.path("entries").get(0).path("note").asString()).isEqualTo("invoice 42");
        assertThat(ledger.path("entries").get(0).path("amount").decimalValue()).isEqualByComparingTo("5.25");
    }

    @Test
    void aPlanMadeInTheConsoleAndGivenToAGroupGrantsItsMembersAtTheirNextChat() {
        String plan = "console-plan-" + UUID.randomUUID().toString().substring(0, 8);
        signIn(gateway.accessToken());
        go("plans");
        browser.clickable(By.cssSelector("[data-action=new-plan]")).click();
        WebElement dialog = browser.visible(By.cssSelector("dialog[open]"));
        dialog.findElement(By.name("name")).sendKeys(plan);
        dialog.findElement(By.name("amount")).sendKeys("5");
        new Select(dialog.findElement(By.name("mode"))).selectByValue("add");
        browser.type(dialog.findElement(By.name("timezone")), "Mars/Olympus");
        dialog.findElement(By.name("messageLimit.count")).sendKeys("20");
        dialog.findElement(By.cssSelector("button[type=submit]")).click();
        // Billing refuses the time zone; the console shows it at its field.
        assertThat(browser.visible(By.cssSelector("dialog[open] .field-error[id]:not(:empty)")).getText())
                .containsIgnoringCase("time zone");
        browser.type(dialog.findElement(By.name("timezone")), "Asia/Shanghai");
        dialog.findElement(By.cssSelector("button[type=submit]")).click();
        browser.await().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("dialog[open]")));
        assertThat(browser.visible(By.cssSelector("tr[data-plan='" + plan + "'] .allowance")).getText())
                .isEqualTo("$5.00 added every month");

        browser.clickable(By.cssSelector("[data-action=sync-groups]")).click();
        // The page is drawn again once the sync has answered.
        browser.visible(By.xpath("//*[contains(@class,'toast-success')][contains(.,'Synced 1 groups')]"));
        WebElement groupPlan = browser.visible(By.cssSelector("select[data-group='" + FakeOpenWebUi.GROUP + "']"));
        new Select(groupPlan).selectByValue(plan);
        browser.clickable(By.cssSelector(".assignments button[type=submit]")).click();
        browser.visible(By.xpath("//*[contains(@class,'toast-success')][contains(.,'Assignments saved')]"));
        browser.screenshot("plans");

        // The catalog published the group to billing; the member's next chat is granted the month's allowance.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            inlet(FakeOpenWebUi.GROUP_MEMBER, "Group Student", "some-model");
            assertThat(getJson("/api/v1/users/" + FakeOpenWebUi.GROUP_MEMBER).path("plan").asString())
                    .isEqualTo(plan);
        });
        inlet(FakeOpenWebUi.GROUP_MEMBER, "Group Student", "some-model");
        browser.driver.navigate().to(gateway.url() + "/#/users/" + FakeOpenWebUi.GROUP_MEMBER);
        assertThat(browser.visible(By.cssSelector(".plan-status .plan-name dd")).getText())
                .isEqualTo(plan + " (by group: " + FakeOpenWebUi.GROUP + ")");
        assertThat(browser.visible(By.cssSelector(".plan-status .plan-messages dd")).getText())
                .matches("[1-9]\\d* of 20 chats per day");
        browser.visible(By.xpath("//table[contains(@class,'ledger-table')]//td[text()='Plan allowance']"));
        browser.screenshot("ledger-plan");
    }

    @Test
    void blockingAUserRefusesTheirNextChatAndRestoringLetsThemBackIn() {
        String user = "console-blocked-" + UUID.randomUUID();
        inlet(user, "Blocked Tester", "some-model");
        signIn(gateway.accessToken());
        searchUsers(user);
        By row = By.cssSelector("tr[data-user-id='" + user + "']");
        browser.visible(row).findElement(By.cssSelector("[data-action=block]")).click();
        browser.visible(By.cssSelector("dialog[open] button[type=submit]")).click();
        browser.visible(By.cssSelector("tr[data-user-id='" + user + "'] [data-action=restore]"));
        assertThat(inlet(user, "Blocked Tester", "some-model").path("balance").asInt()).isEqualTo(-1);

        browser.clickable(By.cssSelector("tr[data-user-id='" + user + "'] [data-action=restore]")).click();
        browser.visible(By.cssSelector("tr[data-user-id='" + user + "'] [data-action=block]"));
        assertThat(inlet(user, "Blocked Tester", "some-model").path("balance").decimalValue())
                .isEqualByComparingTo(RunningStack.INIT_BALANCE);
    }

    @Test
    void aPriceEditedInPlaceIsValidatedSavedAndUsedByTheNextCharge() {
        signIn(gateway.accessToken());
        go("models");
        String row = "tr[data-model-id='" + FakeOpenWebUi.BASE_MODEL + "']";
        WebElement input = browser.visible(By.cssSelector(row + " input[data-price=input_price]"));
        WebElement output = browser.driver.findElement(By.cssSelector(row + " input[data-price=output_price]"));

        browser.type(input, "-2");
        assertThat(input.getAttribute("aria-invalid")).isEqualTo("true");
        browser.clickable(By.cssSelector("[data-action=save-prices]")).click();
        assertThat(browser.visible(By.cssSelector(".toast-error")).getText()).contains("not valid");

        browser.type(input, "2");
        browser.type(output, "4");
        assertThat(input.getAttribute("aria-invalid")).isNull();
        browser.screenshot("models-editing");
        browser.clickable(By.cssSelector("[data-action=save-prices]")).click();
        assertThat(browser.visible(By.cssSelector(".toast-success")).getText()).contains("Saved the prices of 1");
        browser.await().until(driver -> driver.findElement(By.cssSelector(row + " input[data-price=input_price]"))
                .getAttribute("value").equals("2"));
        browser.screenshot("models");

        // The price travels catalog -> model-prices -> billing's replica; a charge is applied once per message,
        // so each try is a new message of a user of its own.
        String user = "console-priced-" + UUID.randomUUID();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode charge = outlet(user, FakeOpenWebUi.BASE_MODEL, "msg-" + UUID.randomUUID());
            assertThat(charge.path("totalCost").decimalValue()).isEqualByComparingTo(new BigDecimal("0.006"));
        });
    }

    @Test
    void pricesAreExportedInTheOriginalsFileAndImportedAfterADryRunAndSortedByPrice() throws IOException {
        signIn(gateway.accessToken());
        go("models");
        String row = "tr[data-model-id='" + FakeOpenWebUi.DERIVED_MODEL + "']";
        browser.visible(By.cssSelector(row));
        browser.clickable(By.cssSelector("[data-action=export-prices]")).click();
        Path exported = await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (var files = Files.list(browser.downloads)) {
                return files.filter(f -> f.getFileName().toString().matches("model_prices_\\d{4}-\\d{2}-\\d{2}\\.json"))
                        .findFirst().orElse(null);
            }
        }, file -> file != null);
        JsonNode prices = JSON.readTree(Files.readString(exported));
        assertThat(prices.isArray()).isTrue();
        assertThat(prices.toString()).contains("\"id\":\"" + FakeOpenWebUi.BASE_MODEL + "\"",
                "\"id\":\"" + FakeOpenWebUi.DERIVED_MODEL + "\"", "\"per_msg_price\"");

        // The original's format, with a model this catalog does not have and an entry that cannot be read.
        Path file = Files.createTempFile("model_prices_", ".json");
        Files.writeString(file, """
                [{"id": "%s", "input_price": 777, "output_price": 1.5, "per_msg_price": -1},
                 {"id": "not-in-this-catalog", "input_price": 1, "output_price": 1, "per_msg_price": -1},
                 {"id": "%s", "input_price": "cheap"}]
                """.formatted(FakeOpenWebUi.DERIVED_MODEL, FakeOpenWebUi.BASE_MODEL));
        browser.driver.findElement(By.cssSelector("input[data-action=import-file]")).sendKeys(file.toString());
        WebElement dialog = browser.visible(By.cssSelector("dialog[open]"));
        assertThat(dialog.findElement(By.cssSelector("tr[data-outcome=change]")).getText())
                .contains(FakeOpenWebUi.DERIVED_MODEL, "input_price", "777");
        assertThat(dialog.findElement(By.cssSelector("tr[data-outcome=unknown]")).getText())
                .contains("not-in-this-catalog");
        assertThat(dialog.findElement(By.cssSelector("tr[data-outcome=invalid]")).getText())
                .contains(FakeOpenWebUi.BASE_MODEL);
        browser.screenshot("models-import");
        dialog.findElement(By.cssSelector("button[type=submit]")).click();
        browser.await().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("dialog[open]")));
        browser.await().until(driver -> driver.findElement(By.cssSelector(row + " input[data-price=input_price]"))
                .getAttribute("value").equals("777"));

        // Sorted by input price, most expensive first: the model just imported at 777 leads.
        browser.clickable(By.cssSelector("button.sort[data-sort=input_price]")).click();
        browser.await().until(driver -> driver.findElement(By.cssSelector(".models-table tbody tr"))
                .getAttribute("data-model-id").equals(FakeOpenWebUi.DERIVED_MODEL));
    }

    @Test
    void testingAllModelsShowsEachResultAsItStreamsIn() {
        signIn(gateway.accessToken());
        go("models");
        browser.visible(By.cssSelector("tr[data-model-id='" + FakeOpenWebUi.BROKEN_MODEL + "']"));
        browser.clickable(By.cssSelector("[data-action=test-all]")).click();

        assertThat(testResult(FakeOpenWebUi.BASE_MODEL)).isEqualTo("ok");
        assertThat(testResult(FakeOpenWebUi.DERIVED_MODEL)).isEqualTo("ok");
        assertThat(testResult(FakeOpenWebUi.BROKEN_MODEL)).isEqualTo("failed");
        String done = browser.await().until(driver -> {
            String text = driver.findElement(
                    By.cssSelector(".progress-slot [role=status], .progress-slot [role=alert]")).getText();
            return text.contains(" tested: ") ? text : null;
        });
        assertThat(done).containsPattern("\\d+ tested: \\d+ answered, [1-9]\\d* failed");
        String latency = browser.await().until(driver -> driver.findElement(By.cssSelector(
                "tr[data-model-id='" + FakeOpenWebUi.BASE_MODEL + "'] .latency")).getText());
        assertThat(latency).matches("[\\d,.]+ m?s");
        browser.screenshot("models-tested");
    }

    @Test
    void recordsFilteredByModelAreListedAndDownloadedAsCsv() throws IOException {
        String model = "console-model-" + UUID.randomUUID().toString().substring(0, 8);
        String other = "console-other-" + UUID.randomUUID().toString().substring(0, 8);
        String user = "console-usage-" + UUID.randomUUID();
        outlet(user, model, "m1");
        outlet(user, model, "m2");
        outlet(user, other, "m3");
        String twin = "console-twin-" + UUID.randomUUID();   // the same name, "Console Tester", another user
        outlet(twin, other, "m4");
        await().atMost(Duration.ofSeconds(30)).until(() -> getJson("/api/v1/panel/usage").toString().contains(twin));

        signIn(gateway.accessToken());
        go("usage");
        browser.visible(By.cssSelector("[data-chart=models] canvas"));
        // Two users of one name are told apart by their ids.
        Select users = new Select(browser.visible(By.cssSelector("select[data-filter=users]")));
        browser.await().until(driver -> users.getOptions().stream()
                .anyMatch(o -> o.getText().equals("Console Tester (" + twin + ")")));
        assertThat(users.getOptions()).anyMatch(o -> o.getText().equals("Console Tester (" + user + ")"));
        assertThat(browser.visible(By.cssSelector("[data-total=models] .tile-value")).getText()).matches("[1-9]\\d*");
        assertThat(browser.visible(By.cssSelector("[data-total=most-used-model] .tile-value")).getText())
                .isNotEqualTo("–");
        new Select(browser.visible(By.cssSelector("select[name=metric]"))).selectByValue("calls");
        browser.visible(By.cssSelector("[data-chart=users] canvas"));
        Select models = new Select(browser.visible(By.cssSelector("select[data-filter=models]")));
        browser.await().until(driver -> models.getOptions().stream().anyMatch(o -> o.getText().equals(model)));
        models.selectByVisibleText(model);
        browser.clickable(By.cssSelector("[data-action=apply-filters]")).click();
        browser.await().until(driver -> {
            List<WebElement> rows = driver.findElements(By.cssSelector(".records-table tbody tr"));
            return rows.size() == 2 && rows.stream().allMatch(r -> r.getText().contains(model));
        });
        browser.screenshot("usage");

        browser.clickable(By.cssSelector("[data-action=export-csv]")).click();
        Path csv = await().atMost(Duration.ofSeconds(30)).until(() -> downloaded(".csv"), file -> file != null);
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).startsWith("User,Time,Model");
        assertThat(lines.subList(1, lines.size())).hasSize(2).allMatch(line -> line.contains(model));
    }

    @Test
    void settingsShowTheFunctionKeyOnlyWhenAskedAndTheBackupIsDownloaded() {
        signIn(gateway.accessToken());
        go("settings");
        browser.visible(By.cssSelector("[data-action=show-key]"));
        assertThat(browser.driver.findElements(By.cssSelector("[data-secret=api-key]"))).isEmpty();
        browser.clickable(By.cssSelector("[data-action=show-key]")).click();
        assertThat(browser.visible(By.cssSelector("[data-secret=api-key]")).getAttribute("value"))
                .isEqualTo(gateway.apiKey());
        assertThat(browser.driver.findElement(By.linkText("Download the OpenWebUI function (openwebui_monitor.py)"))
                .getAttribute("href")).endsWith("/function/openwebui_monitor.py");
        for (String function : List.of("openwebui_monitor_invisible.py", "usage_button.py")) {
            String href = browser.driver.findElement(By.cssSelector("a[data-function='" + function + "']"))
                    .getAttribute("href");
            assertThat(TestHttp.send(HttpRequest.newBuilder(URI.create(href)).build()).body())
                    .as(function).contains("OpenWebUI Monitor on Kafka");
        }
        browser.screenshot("settings");

        go("backup");
        browser.clickable(By.cssSelector("[data-action=export]")).click();
        WebElement answer = browser.visible(By.cssSelector(".alert"));
        assertThat(answer.getText()).startsWith("Saved");
        browser.screenshot("backup");
    }

    @Test
    void theConsoleIsServedWithoutATokenBehindStrictHeadersAndTheKeyEndpointTakesOnlyTheAdminToken() {
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(gateway.url() + "/")).build());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script type=\"module\" src=\"/console/js/app.js\">");
        String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(policy).contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(send(HttpRequest.newBuilder(URI.create(gateway.url() + "/webjars/chart.js/4.4.1/dist/chart.umd.js"))
                .build()).statusCode()).isEqualTo(200);

        String keyPath = gateway.url() + "/api/v1/config/key";
        assertThat(send(HttpRequest.newBuilder(URI.create(keyPath)).build()).statusCode()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(URI.create(keyPath)).header("Authorization", "Bearer " + gateway.apiKey())
                .build()).statusCode()).isEqualTo(401);
        HttpResponse<String> key = send(HttpRequest.newBuilder(URI.create(keyPath))
                .header("Authorization", "Bearer " + gateway.accessToken()).build());
        assertThat(JSON.readTree(key.body()).path("apiKey").asString()).isEqualTo(gateway.apiKey());
        assertThat(key.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    private void signIn(String token) {
        WebElement input = browser.visible(By.cssSelector(".login input[type=password]"));
        browser.type(input, token);
        browser.driver.findElement(By.cssSelector(".login button[type=submit]")).click();
        if (token.equals(gateway.accessToken())) {
            browser.visible(By.cssSelector(".main-nav"));
        }
    }

    /**
     * The sign-in form's refusal, read inside the wait: the form renders its alert anew for each attempt, so an
     * element found before the answer to the next attempt can be gone by the time its text is read.
     */
    private String refusal() {
        return browser.await().until(driver -> {
            String text = driver.findElement(By.cssSelector(".login [role=alert]")).getText();
            return text.contains("refused") ? text : null;
        });
    }

    /** Types the search and waits until the list shows its answer (the list is replaced while one types). */
    private void searchUsers(String text) {
        go("users");
        browser.type(browser.visible(By.cssSelector("input[type=search]")), text);
        browser.visible(By.cssSelector(".results[data-search='" + text + "']:not([aria-busy])"));
    }

    private void go(String page) {
        browser.clickable(By.cssSelector(".main-nav a[data-nav=" + page + "]")).click();
        browser.visible(By.cssSelector(".main-nav a[data-nav=" + page + "][aria-current=page]"));
    }

    /** Waits until the model's row shows a finished test and answers "ok" or "failed". */
    /** The model's test state once it is no longer running; read inside the wait, as the row re-renders. */
    private String testResult(String model) {
        By result = By.cssSelector("tr[data-model-id='" + model + "'] .test-result [data-test]");
        return browser.await().until(driver -> {
            String state = driver.findElement(result).getAttribute("data-test");
            return "running".equals(state) ? null : state;
        });
    }

    private Path downloaded(String suffix) throws IOException {
        try (var files = Files.list(browser.downloads)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst().orElse(null);
        }
    }

    private static JsonNode inlet(String user, String name, String model) {
        return postJson("/api/v1/inlet", """
                {"user": {"id": "%s", "name": "%s", "email": "%s@example.org"},
                 "body": {"model": "%s", "messages": [{"role": "user", "content": "hi"}]}}
                """.formatted(user, name, user, model));
    }

    private static JsonNode outlet(String user, String model, String messageId) {
        return postJson("/api/v1/outlet", """
                {"user": {"id": "%s", "name": "Console Tester"},
                 "body": {"model": "%s", "chat_id": "console-chat", "id": "%s", "messages": [
                   {"role": "user", "content": "Tell me a story"},
                   {"role": "assistant", "content": "Once upon a time",
                    "usage": {"prompt_tokens": 1000, "completion_tokens": 1000}}]}}
                """.formatted(user, model, messageId));
    }

    private static JsonNode postJson(String path, String body) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(gateway.url() + path))
                .header("Authorization", "Bearer " + gateway.apiKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode getJson(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(gateway.url() + path))
                .header("Authorization", "Bearer " + gateway.accessToken()).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        return TestHttp.send(request);
    }
}
