package io.owm.load;

import java.time.Duration;

/**
 * What a run does, from {@code -Dowm.*} system properties (the Maven plugin passes them on to Gatling's JVM).
 *
 * @param url          the gateway
 * @param apiKey       the function API key ({@code API_KEY})
 * @param mode         {@code chat}: inlet, the model's answer time, outlet; {@code outlet} or {@code inlet}: that
 *                     call alone, back to back, to measure it
 * @param workload     {@code closed}: a fixed number of users, each sending its next request when the last was
 *                     answered; {@code open}: new chats arrive at a fixed rate whatever the answer times
 * @param concurrency  users of the closed workload
 * @param rate         chats per second of the open workload
 * @param duration     how long requests are sent
 * @param users        distinct OpenWebUI users the requests come from
 * @param models       distinct models
 * @param usageShare   share of outlets whose last message carries the model's usage; the rest are tokenized
 * @param retryShare   share of outlets sent a second time, as a function retrying after a lost answer does
 * @param thinkTime    in chat mode, the time the model takes between inlet and outlet
 */
record LoadSettings(String url, String apiKey, String mode, String workload, int concurrency, double rate,
        Duration duration, int users, int models, double usageShare, double retryShare, Duration thinkTime) {

    static LoadSettings fromSystemProperties() {
        String apiKey = System.getProperty("owm.apiKey", System.getenv().getOrDefault("API_KEY", ""));
        if (apiKey.isBlank()) {
            throw new IllegalArgumentException("Set -Dowm.apiKey (or API_KEY) to the gateway's function API key");
        }
        LoadSettings settings = new LoadSettings(
                System.getProperty("owm.url", "http://127.0.0.1:7878"),
                apiKey,
                System.getProperty("owm.mode", "chat"),
                System.getProperty("owm.workload", "closed"),
                Integer.getInteger("owm.concurrency", 16),
                Double.parseDouble(System.getProperty("owm.rate", "50")),
                Duration.ofSeconds(Long.getLong("owm.duration", 60L)),
                Integer.getInteger("owm.users", 2_000),
                Integer.getInteger("owm.models", 20),
                Double.parseDouble(System.getProperty("owm.usageShare", "0.8")),
                Double.parseDouble(System.getProperty("owm.retryShare", "0.05")),
                Duration.ofMillis(Long.getLong("owm.thinkTimeMillis", 1_500L)));
        settings.validate();
        return settings;
    }

    private void validate() {
        if (!mode.equals("chat") && !mode.equals("outlet") && !mode.equals("inlet")) {
            throw new IllegalArgumentException("owm.mode is chat, outlet or inlet, not " + mode);
        }
        if (!workload.equals("closed") && !workload.equals("open")) {
            throw new IllegalArgumentException("owm.workload is closed or open, not " + workload);
        }
        if (usageShare < 0 || usageShare > 1 || retryShare < 0 || retryShare > 1) {
            throw new IllegalArgumentException("owm.usageShare and owm.retryShare are shares between 0 and 1");
        }
        if (concurrency < 1 || rate <= 0 || users < 1 || models < 1) {
            throw new IllegalArgumentException("owm.concurrency, owm.rate, owm.users and owm.models must be positive");
        }
    }

    String describe() {
        String load = workload.equals("closed") ? concurrency + " concurrent users" : rate + " chats/s arriving";
        return "%s, %s, %d s, %d users, %d models, usage reported in %.0f%%, %.0f%% retried".formatted(mode, load,
                duration.toSeconds(), users, models, usageShare * 100, retryShare * 100);
    }
}
