package io.owm.support.security;

import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import reactor.core.publisher.Mono;

/**
 * Turns {@code Authorization: Bearer <key>} into the authority of the key it matches. A header that matches no key
 * authenticates nobody: the request goes on anonymous, and the authorization rules of its route refuse it unless
 * the route is public. Keys are compared in constant time, every one of them, whichever matches.
 */
public final class BearerKeyAuthentication {

    private BearerKeyAuthentication() {
    }

    public static AuthenticationWebFilter filter(List<KeyHolder> holders) {
        AuthenticationWebFilter filter = new AuthenticationWebFilter(
                (Authentication presented) -> Mono.justOrEmpty(authorityFor(holders, (String) presented.getCredentials()))
                        .switchIfEmpty(Mono.error(() -> new BadCredentialsException("No such key")))
                        .map(authority -> UsernamePasswordAuthenticationToken.authenticated(authority, null,
                                List.of(new SimpleGrantedAuthority(authority)))));
        filter.setServerAuthenticationConverter(exchange -> Mono.justOrEmpty(
                        BearerKey.tokenOf(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION)))
                .map(token -> UsernamePasswordAuthenticationToken.unauthenticated("bearer", token)));
        // An unknown key goes on as anonymous: a public path (the console's files) does not care, and every other
        // route refuses it with the same answer as a missing key.
        filter.setAuthenticationFailureHandler((webFilterExchange, failure) ->
                webFilterExchange.getChain().filter(webFilterExchange.getExchange()));
        // Each request carries its key; nothing is remembered between requests.
        filter.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
        return filter;
    }

    private static String authorityFor(List<KeyHolder> holders, String token) {
        String authority = null;
        for (KeyHolder holder : holders) {
            if (holder.key().matches(token) && authority == null) {
                authority = holder.authority();
            }
        }
        return authority;
    }
}
