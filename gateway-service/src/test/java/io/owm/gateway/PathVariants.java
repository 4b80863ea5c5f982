package io.owm.gateway;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Other spellings of a path, as an attacker would try them against a check that reads the raw path while the
 * router reads the decoded one: matrix parameters, percent-encoded letters and slashes, double encoding, dot
 * segments, doubled and trailing slashes, backslashes, case variants, overlong UTF-8 and fullwidth characters.
 * Each variant is written into the request line as it is, byte for byte (non-ASCII as UTF-8).
 */
final class PathVariants {

    private PathVariants() {
    }

    static List<String> of(String path) {
        String[] segments = path.substring(1).split("/");
        String first = segments[0];
        String rest = path.substring(first.length() + 1);
        String last = segments[segments.length - 1];
        String head = path.substring(0, path.length() - last.length());
        Set<String> variants = new LinkedHashSet<>();
        // Matrix parameters, which the router strips from a segment before matching
        variants.add("/" + first + ";x" + rest);
        variants.add("/" + first + ";" + rest);
        variants.add("/" + first + ";jsessionid=1" + rest);
        variants.add(head + last + ";x");
        variants.add(path + ";");
        variants.add("/" + first + "%3Bx" + rest);
        variants.add(path.replace("/", ";/").substring(1));
        // Percent-encoded letters and digits
        variants.add("/%" + hex(first.charAt(0)) + first.substring(1) + rest);
        variants.add("/%" + hex(first.charAt(0)).toUpperCase() + first.substring(1) + rest);
        variants.add(head + "%" + hex(last.charAt(0)) + last.substring(1));
        variants.add(encodeAll(path));
        variants.add(path.replace("v1", "v%31"));
        // Encoded and doubled slashes
        variants.add(path.replace("/", "%2F"));
        variants.add("/" + first + "%2f" + rest.substring(1));
        variants.add("/" + path);
        variants.add(path.replace("/", "//"));
        variants.add(path + "/");
        variants.add(path + "//");
        // Dot segments, plain and encoded
        variants.add("/." + path);
        variants.add("/x/.." + path);
        variants.add(head + "x/../" + last);
        variants.add(head + "%2e%2e/" + last);
        variants.add(head + "%2E/" + last);
        variants.add("/%2e" + path);
        variants.add(head + last + "/.");
        variants.add(head + last + "/..;/" + last);
        // Double encoding
        variants.add("/%25" + hex(first.charAt(0)) + first.substring(1) + rest);
        variants.add(head + "%252e%252e/" + last);
        variants.add(path.replace("/", "%252F"));
        // Backslashes
        variants.add(path.replace("/", "\\"));
        variants.add("/" + first + "\\" + rest.substring(1));
        variants.add(path.replace("/", "%5C"));
        // Case variants
        variants.add(path.toUpperCase());
        variants.add("/" + Character.toUpperCase(first.charAt(0)) + first.substring(1) + rest);
        variants.add(head + last.toUpperCase());
        // Overlong UTF-8 ("." and "/" in two bytes) and fullwidth look-alikes, raw and encoded
        variants.add("/%C0%AE%C0%AE" + path);
        variants.add(path.replace("/", "%C0%AF"));
        variants.add("/" + fullwidth(first.charAt(0)) + first.substring(1) + rest);
        variants.add("/%EF%BD%81" + first.substring(1) + rest);
        variants.add(path.replace("/", "\uFF0F"));
        variants.add(path.replace("/", "%EF%BC%8F"));
        // NUL, tab and a suffix
        variants.add(path + "%00");
        variants.add(path + "%00.json");
        variants.add(path + "%09");
        variants.add(path + ".json");
        return new ArrayList<>(variants);
    }

    private static String hex(char c) {
        return Integer.toHexString(c);
    }

    private static String encodeAll(String path) {
        StringBuilder encoded = new StringBuilder();
        for (char c : path.toCharArray()) {
            encoded.append(c == '/' ? "/" : "%" + hex(c).toUpperCase());
        }
        return encoded.toString();
    }

    private static char fullwidth(char c) {
        return (char) (c - 'a' + '\uFF41');
    }
}
