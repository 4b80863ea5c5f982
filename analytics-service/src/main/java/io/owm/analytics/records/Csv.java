package io.owm.analytics.records;

/**
 * CSV cells as RFC 4180 wants them, with a guard against formula injection: a spreadsheet runs a text cell that
 * starts with {@code = + - @} (or a tab or carriage return) as a formula, and user ids, nicknames and model names
 * come from OpenWebUI users. Such a cell gets a leading apostrophe, which spreadsheets show as text. Numbers are
 * written by this service and left alone: a negative balance must stay a number.
 */
final class Csv {

    static final String HEADER = "User,Time,Model,Input tokens,Output tokens,Cost,Balance\r\n";

    private Csv() {
    }

    static String text(String value) {
        if (value == null) {
            return "";
        }
        String cell = value;
        if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
            cell = "'" + cell;
        }
        if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0
                || cell.startsWith("'")) {
            return '"' + cell.replace("\"", "\"\"") + '"';
        }
        return cell;
    }

    static String line(String... cells) {
        return String.join(",", cells) + "\r\n";
    }
}
