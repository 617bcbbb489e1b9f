package io.facetimerouter.trigger.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over 64 KB with 413 before anything reads them, whether or not the client
 * declared a Content-Length: the body is read up to the limit and handed on from memory. A request
 * a {@link LargeBodyRoute} bean declares (an audience upload) has that route's limit instead.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final int SMALL_BODY_BYTES = 8 * 1024;

    private final ObjectMapper json;
    private final List<LargeBodyRoute> largeBodyRoutes;

    public RequestBodyLimitFilter(ObjectMapper json, List<LargeBodyRoute> largeBodyRoutes) {
        this.json = json;
        this.largeBodyRoutes = List.copyOf(largeBodyRoutes);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = largeBodyRoutes.stream().filter(route -> route.matches(request.getMethod(), request.getRequestURI()))
                .mapToLong(route -> route.maxSize().toBytes()).findFirst().orElse(MAX_BODY_BYTES);
        if (request.getContentLengthLong() > limit) {
            tooLarge(response, limit);
            return;
        }
        // a declared length is read into an array of that size; otherwise up to one byte past the limit
        long declared = request.getContentLengthLong();
        byte[] body = request.getInputStream().readNBytes((int) (declared >= 0 ? declared
                : Math.min(Integer.MAX_VALUE - 8, limit + 1)));
        if (body.length > limit) {
            tooLarge(response, limit);
            return;
        }
        chain.doFilter(new BufferedBodyRequest(request, body), response);
    }

    private void tooLarge(HttpServletResponse response, long limit) throws IOException {
        // the unread rest of the body is not worth keeping the connection for
        response.setHeader("Connection", "close");
        JsonErrors.write(json, response, new ErrorBody("payload_too_large",
                "The request body is larger than " + limit / 1024 + " KB", 413));
        // answered now: the client may still be sending, and is not made to wait for the rest to be read
        response.flushBuffer();
    }

    private static final class BufferedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already in memory");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        /**
         * Camel reads the body of every API call through this. A reader over a stream takes 24 KB of
         * buffers whatever the body; a small body is decoded at once, with a buffer of its own size.
         */
        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            Reader text = body.length <= SMALL_BODY_BYTES ? new StringReader(new String(body, charset))
                    : new InputStreamReader(new ByteArrayInputStream(body), charset);
            return new BufferedReader(text, Math.max(1, Math.min(body.length, SMALL_BODY_BYTES)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
