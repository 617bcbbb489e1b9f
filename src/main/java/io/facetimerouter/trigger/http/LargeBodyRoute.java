package io.facetimerouter.trigger.http;

import java.util.regex.Pattern;
import org.springframework.util.unit.DataSize;

/**
 * A request that may carry a body over the 64 KB every other request is held to, declared as a bean
 * by the feature that serves it (an audience upload, say).
 *
 * @param method  the HTTP method
 * @param path    the whole request path it applies to
 * @param maxSize the largest body accepted
 */
public record LargeBodyRoute(String method, Pattern path, DataSize maxSize) {

    boolean matches(String requestMethod, String requestPath) {
        return method.equals(requestMethod) && path.matcher(requestPath).matches();
    }
}
