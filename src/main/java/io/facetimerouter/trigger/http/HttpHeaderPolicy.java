package io.facetimerouter.trigger.http;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.springframework.stereotype.Component;

/**
 * Which HTTP headers cross between the servlet container and the routes, for every platform-http
 * endpoint ({@code camel.component.platform-http.header-filter-strategy}).
 * <p>
 * In: only the request headers the endpoints read, and only when the request really carries them.
 * Camel's HTTP binding also maps query parameters and form fields into message headers through this
 * same filter; comparing each value with the request's own headers keeps {@code ?Idempotency-Key=}
 * or a form field from passing for a header. {@code Camel*} names never come in.
 * <p>
 * Out: only the response headers the endpoints document. Whatever else a route leaves on the
 * message (request headers, path parameters, Camel's own) never becomes a response header.
 */
@Component("httpHeaderPolicy")
public class HttpHeaderPolicy implements HeaderFilterStrategy {

    /** The servlet request, as platform-http puts it on the message. */
    private static final String SERVLET_REQUEST = "CamelHttpServletRequest";

    private static final Set<String> REQUEST_HEADERS = Set.of("content-type", "accept", "idempotency-key",
            "x-blooio-event",
            // W3C trace context: a caller's trace continues through the call (when tracing is on)
            "traceparent", "tracestate");
    private static final Set<String> RESPONSE_HEADERS = Set.of("content-type", "retry-after", "referrer-policy",
            "x-content-type-options", "x-robots-tag", "content-security-policy");

    @Override
    public boolean applyFilterToCamelHeaders(String name, Object value, Exchange exchange) {
        return !RESPONSE_HEADERS.contains(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public boolean applyFilterToExternalHeaders(String name, Object value, Exchange exchange) {
        if (!REQUEST_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            return true;
        }
        HttpServletRequest request = servletRequest(exchange);
        return request == null || !Collections.list(request.getHeaders(name)).contains(String.valueOf(value));
    }

    /**
     * A header of the HTTP request itself, never a query parameter or a message header of the same name:
     * credentials and signatures are read only this way.
     *
     * @return the header's first value, or null when the request has none (or the exchange did not come over HTTP)
     */
    public static String requestHeader(Exchange exchange, String name) {
        HttpServletRequest request = servletRequest(exchange);
        return request == null ? null : request.getHeader(name);
    }

    private static HttpServletRequest servletRequest(Exchange exchange) {
        return exchange.getIn().getHeader(SERVLET_REQUEST, HttpServletRequest.class);
    }
}
