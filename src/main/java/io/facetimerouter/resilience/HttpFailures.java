package io.facetimerouter.resilience;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.http.base.HttpOperationFailedException;

/** How provider failures are classified: what is retried, what counts against a provider, how it reads. */
public final class HttpFailures {

    /** Statuses worth another try: the provider may answer differently in a moment. */
    private static final Set<Integer> TRANSIENT_STATUSES = Set.of(429, 500, 502, 503, 504);

    /** Not transient, but says the provider cannot create calls now: counts towards opening its circuit. */
    private static final int NOT_IMPLEMENTED = 501;

    private HttpFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof HttpOperationFailedException http) {
            return TRANSIENT_STATUSES.contains(http.getStatusCode());
        }
        return cause instanceof IOException;
    }

    /** Whether the failure says the provider is unhealthy (as opposed to a request it rightly refused). */
    public static boolean countsAgainstReceiver(Throwable failure) {
        Throwable cause = unwrap(failure);
        return isTransient(cause)
                || cause instanceof MalformedResponseException
                || (cause instanceof HttpOperationFailedException http && http.getStatusCode() == NOT_IMPLEMENTED);
    }

    public static Integer httpStatus(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof HttpOperationFailedException http) {
            return http.getStatusCode();
        }
        if (cause instanceof MalformedResponseException malformed) {
            return malformed.getHttpStatus();
        }
        return null;
    }

    /** The delay a provider asked for with {@code Retry-After} (seconds or an HTTP date), if any. */
    public static Optional<Duration> retryAfter(Throwable failure, Instant now) {
        if (!(unwrap(failure) instanceof HttpOperationFailedException http) || http.getResponseHeaders() == null) {
            return Optional.empty();
        }
        return http.getResponseHeaders().entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("Retry-After"))
                .map(Map.Entry::getValue)
                .findFirst()
                .flatMap(value -> parseRetryAfter(value.strip(), now));
    }

    static Optional<Duration> parseRetryAfter(String value, Instant now) {
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    /** A short description for outcomes and logs; never contains request data. */
    public static String describe(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof HttpOperationFailedException http) {
            return "HTTP " + http.getStatusCode();
        }
        if (cause instanceof MalformedResponseException malformed) {
            return "malformed response: " + malformed.getMessage();
        }
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        if (cause instanceof InterruptedIOException) {
            return "timeout";
        }
        if (cause instanceof IOException) {
            return "I/O error: " + cause.getClass().getSimpleName();
        }
        return "error: " + cause.getClass().getSimpleName();
    }

    /** Camel and Resilience4j wrap checked exceptions; classification looks at what was thrown first. */
    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof RuntimeCamelException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
