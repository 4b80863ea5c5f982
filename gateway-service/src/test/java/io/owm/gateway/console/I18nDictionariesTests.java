package io.owm.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The console's dictionaries speak the same texts: every key of English is in each language and no other, and each
 * translation keeps the placeholders ({name}, {count}...) its English text has, so no text is left in English and
 * none loses its figures. Read from the files the browser loads.
 */
class I18nDictionariesTests {

    private static final Path DICTIONARIES = Path.of("src/main/resources/static/console/js/i18n");
    /** One entry per line: {@code 'key': 'text',} (a text may hold escaped quotes). */
    private static final Pattern ENTRY = Pattern.compile("^\\s*'([^']+)':\\s*'((?:[^'\\\\]|\\\\.)*)',?\\s*$",
            Pattern.MULTILINE);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    @ParameterizedTest
    @ValueSource(strings = {"zh", "es"})
    void everyLanguageHasEveryKeyOfEnglishAndNoOther(String language) throws IOException {
        Map<String, String> english = entries("en");
        Map<String, String> other = entries(language);

        assertThat(english).hasSizeGreaterThan(300);
        assertThat(new TreeSet<>(other.keySet())).as("keys of %s.js", language)
                .isEqualTo(new TreeSet<>(english.keySet()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"zh", "es"})
    void everyTranslationKeepsItsPlaceholders(String language) throws IOException {
        Map<String, String> english = entries("en");
        Map<String, String> other = entries(language);
        english.forEach((key, text) -> assertThat(placeholders(other.getOrDefault(key, "")))
                .as("%s in %s.js", key, language).isEqualTo(placeholders(text)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"zh", "es"})
    void nothingIsLeftEmpty(String language) throws IOException {
        entries(language).forEach((key, text) -> assertThat(text).as("%s in %s.js", key, language).isNotBlank());
    }

    private static Map<String, String> entries(String language) throws IOException {
        String source = Files.readString(DICTIONARIES.resolve(language + ".js"), StandardCharsets.UTF_8);
        Map<String, String> entries = new LinkedHashMap<>();
        Matcher matcher = ENTRY.matcher(source);
        while (matcher.find()) {
            assertThat(entries.put(matcher.group(1), matcher.group(2))).as("%s twice in %s.js", matcher.group(1),
                    language).isNull();
        }
        return entries;
    }

    private static TreeSet<String> placeholders(String text) {
        TreeSet<String> names = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
