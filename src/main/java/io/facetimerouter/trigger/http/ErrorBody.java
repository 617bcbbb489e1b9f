package io.facetimerouter.trigger.http;

/** The one shape of every error the HTTP API answers (also Blooio's): {@code {error, message, status}}. */
public record ErrorBody(String error, String message, int status) {
}
