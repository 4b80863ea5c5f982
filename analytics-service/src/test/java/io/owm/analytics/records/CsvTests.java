package io.owm.analytics.records;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvTests {

    @Test
    void leavesPlainTextAlone() {
        assertThat(Csv.text("gpt-4o")).isEqualTo("gpt-4o");
        assertThat(Csv.text("llama3:8b")).isEqualTo("llama3:8b");
        assertThat(Csv.text(null)).isEmpty();
    }

    @Test
    void quotesCommasQuotesAndLineBreaks() {
        assertThat(Csv.text("Smith, Jo")).isEqualTo("\"Smith, Jo\"");
        assertThat(Csv.text("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Csv.text("two\nlines")).isEqualTo("\"two\nlines\"");
    }

    @Test
    void defusesEveryCellASpreadsheetWouldRunAsAFormula() {
        assertThat(Csv.text("=1+1")).isEqualTo("\"'=1+1\"");
        assertThat(Csv.text("+cmd")).isEqualTo("\"'+cmd\"");
        assertThat(Csv.text("-2+3")).isEqualTo("\"'-2+3\"");
        assertThat(Csv.text("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
        assertThat(Csv.text("\t=1")).isEqualTo("\"'\t=1\"");
        assertThat(Csv.text("=HYPERLINK(\"http://x\",\"y\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    }

    @Test
    void endsEveryLineWithCrLf() {
        assertThat(Csv.line("a", "b")).isEqualTo("a,b\r\n");
        assertThat(Csv.HEADER).isEqualTo("User,Time,Model,Input tokens,Output tokens,Cost,Balance\r\n");
    }
}
