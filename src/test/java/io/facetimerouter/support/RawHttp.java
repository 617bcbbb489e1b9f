package io.facetimerouter.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, byte for byte as written: requests no well-behaved client would
 * send (invalid characters, encoded slashes, odd methods and versions) reach the server unchanged.
 */
public final class RawHttp {

    private final int port;

    public RawHttp(int port) {
        this.port = port;
    }

    /** A response: status, headers in order (name, value), and the body, de-chunked. */
    public record Response(int status, List<String[]> headers, String body) {

        public List<String> headerNames() {
            return headers.stream().map(header -> header[0].toLowerCase(Locale.ROOT)).toList();
        }

        public String header(String name) {
            return headers.stream().filter(header -> header[0].equalsIgnoreCase(name)).map(header -> header[1])
                    .findFirst().orElse(null);
        }
    }

    /** Sends the request head (with {@code Connection: close} added) and body, and reads the whole answer. */
    public Response send(String requestLine, List<String> headers, byte[] body) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(3_000);
            StringBuilder head = new StringBuilder(requestLine).append("\r\n");
            headers.forEach(header -> head.append(header).append("\r\n"));
            head.append("Connection: close\r\n\r\n");
            try {
                socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().write(body);
                socket.getOutputStream().flush();
            } catch (IOException refusedEarly) {
                // the server answered and closed before reading it all (a refused head, a body too large)
            }
            return parse(readAll(socket.getInputStream(), requestLine.startsWith("HEAD ")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads until the answer is complete by its own framing (or the server closes): a client need not wait for more. */
    private static byte[] readAll(InputStream in, boolean headOnly) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int read;
            while (!complete(out.toString(StandardCharsets.ISO_8859_1), headOnly) && (read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
            }
        } catch (java.net.SocketTimeoutException silent) {
            throw new IllegalStateException("no complete answer within 3 s; received: "
                    + out.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("nothing"));
        } catch (IOException reset) {
            // a server that refuses a request may reset the connection after answering: keep what came
        }
        return out.toByteArray();
    }

    private static boolean complete(String text, boolean headOnly) {
        while (text.startsWith("HTTP/1.1 1") && text.indexOf("\r\n\r\n") > 0) {
            text = text.substring(text.indexOf("\r\n\r\n") + 4);
        }
        int end = text.indexOf("\r\n\r\n");
        if (end < 0 || headOnly) {
            return end >= 0;
        }
        String head = text.substring(0, end).toLowerCase(Locale.ROOT);
        String body = text.substring(end + 4);
        for (String line : head.split("\r\n")) {
            if (line.startsWith("content-length:")) {
                return body.length() >= Long.parseLong(line.substring(15).strip());
            }
            if (line.startsWith("transfer-encoding:") && line.contains("chunked")) {
                return body.startsWith("0\r\n\r\n") || body.contains("\r\n0\r\n\r\n");
            }
        }
        return false;
    }

    private static Response parse(byte[] raw) {
        // one character per byte while the framing is read (chunk sizes count bytes); the body is UTF-8
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        // interim answers (100 Continue) come before the real one
        while (text.startsWith("HTTP/1.1 1") && text.indexOf("\r\n\r\n") > 0) {
            text = text.substring(text.indexOf("\r\n\r\n") + 4);
        }
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            throw new IllegalStateException("Not an HTTP response: " + text.substring(0, Math.min(200, text.length())));
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        List<String[]> headers = new ArrayList<>();
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            String[] header = lines[i].split(":", 2);
            headers.add(new String[] {header[0].strip(), header.length > 1 ? header[1].strip() : ""});
            chunked |= header[0].equalsIgnoreCase("Transfer-Encoding") && lines[i].toLowerCase(Locale.ROOT).contains("chunked");
        }
        String body = text.substring(end + 4);
        return new Response(status, headers, new String((chunked ? dechunk(body) : body).getBytes(StandardCharsets.ISO_8859_1),
                StandardCharsets.UTF_8));
    }

    private static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int lineEnd = body.indexOf("\r\n", at);
            if (lineEnd <= at) {
                // no chunk at all (the answer to HEAD) or a cut-off one: what came is the body
                break;
            }
            int size = Integer.parseInt(body.substring(at, lineEnd).strip(), 16);
            if (size == 0) {
                break;
            }
            out.append(body, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toString();
    }
}
