package io.facetimerouter.trigger.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's own error answers (a request line or header it refuses, an encoded slash, {@code Expect},
 * an HTTP version or method it does not speak, answered 400 and 405 ...) in the service's JSON error shape instead of an HTML page.
 * These are written before any filter or route runs, so only a valve can shape them.
 */
public class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        if (status == 505 || status == 501) {
            // an HTTP version, method or transfer coding Tomcat does not speak is the client's mistake: a 4xx
            status = status == 501 && !UnservedRequestFilter.SERVED.contains(request.getMethod()) ? 405 : 400;
            response.setStatus(status);
        }
        HttpStatus known = HttpStatus.resolve(status);
        String reason = known == null ? "Error" : known.getReasonPhrase();
        String message = status == 400
                ? "The request is malformed: its request line, path (an encoded slash or a control character, say) or a header"
                : reason;
        String json = "{\"error\":\"" + JsonErrors.code(reason) + "\",\"message\":\"" + message
                + "\",\"status\":" + status + "}";
        try {
            response.resetBuffer();
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the answer is already on its way: nothing more can be said
        }
    }
}
