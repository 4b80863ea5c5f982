package io.owm.support.security;

import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Lets through only request paths that have one spelling. Spring Security's strict firewall already refuses
 * {@code ;}, encoded {@code /}, {@code \}, {@code .} and {@code %}, dot segments, {@code //} and non-printable
 * characters; this adds what it allows and a path matcher would still decode to an existing route: percent-encoded
 * letters, digits and {@code -._~} ({@code /%61pi} is {@code /api}), encoded bytes outside printable ASCII
 * (overlong UTF-8, fullwidth look-alikes, control characters) and raw non-ASCII characters. What remains can be
 * compared with a route pattern without any decoding surprises. Encoded reserved characters such as {@code %20}
 * or {@code %40} stay allowed, since an id in a path may need them.
 */
public final class CanonicalPathFirewall implements ServerWebExchangeFirewall {

    private final StrictServerWebExchangeFirewall strict = new StrictServerWebExchangeFirewall();

    @Override
    public Mono<ServerWebExchange> getFirewalledExchange(ServerWebExchange exchange) {
        String problem = problemWith(exchange.getRequest().getURI().getRawPath());
        if (problem != null) {
            return Mono.error(new ServerExchangeRejectedException(problem));
        }
        return strict.getFirewalledExchange(exchange);
    }

    /** Why the raw path is refused, or null when it is canonical. */
    static String problemWith(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return null;
        }
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return "The path holds a character outside printable ASCII";
            }
            if (c == '%') {
                int encoded = hexByte(rawPath, i + 1);
                if (encoded < 0) {
                    return "The path holds a malformed percent-encoding";
                }
                if (encoded < 0x20 || encoded > 0x7E) {
                    return "The path holds an encoded control or non-ASCII byte";
                }
                if (isUnreserved((char) encoded)) {
                    return "The path encodes a character that needs no encoding";
                }
                i += 2;
            }
        }
        return null;
    }

    private static int hexByte(String text, int at) {
        if (at + 2 > text.length()) {
            return -1;
        }
        int high = Character.digit(text.charAt(at), 16);
        int low = Character.digit(text.charAt(at + 1), 16);
        return high < 0 || low < 0 ? -1 : high * 16 + low;
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                || c == '_' || c == '~';
    }
}
