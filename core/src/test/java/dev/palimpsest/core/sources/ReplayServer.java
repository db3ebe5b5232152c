package dev.palimpsest.core.sources;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Wayback service on 127.0.0.1 that replays scripted answers: a tiny HTTP/1.1 server on a
 * plain {@link ServerSocket} (the core module does not read {@code jdk.httpserver}, and a plain
 * socket can also misbehave on purpose: reset a connection, stall, or send a short body).
 *
 * <p>Answers are queued by request path (the part before {@code ?}); each request takes the next
 * one, and the last one of a queue repeats. A path with no answers gets 404. Every connection is
 * closed after one answer. Public so that the CLI's tests reuse it through the test-jar.
 */
public final class ReplayServer implements AutoCloseable {
    private final ServerSocket server;
    private final Map<String, Deque<Reply>> replies = new HashMap<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
    private final Thread acceptor;

    /** A request as received. */
    public record Request(String method, String target, Map<String, String> headers) {
        public String path() {
            int q = target.indexOf('?');
            return q < 0 ? target : target.substring(0, q);
        }

        /** The decoded value of a query parameter, or null. */
        public String query(String name) {
            int q = target.indexOf('?');
            if (q < 0) {
                return null;
            }
            for (String pair : target.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).equals(name)) {
                    return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
            return null;
        }
    }

    /** What to do with a request. */
    public static final class Reply {
        final int status;
        final List<String> headers;
        final byte[] body;
        final int sendBytes;
        final boolean reset;
        final long stallMillis;

        private Reply(int status, List<String> headers, byte[] body, int sendBytes, boolean reset, long stallMillis) {
            this.status = status;
            this.headers = headers;
            this.body = body;
            this.sendBytes = sendBytes;
            this.reset = reset;
            this.stallMillis = stallMillis;
        }

        /** A complete answer; Content-Length is added. */
        public static Reply of(int status, byte[] body, String... headers) {
            return new Reply(status, List.of(headers), body, body.length, false, 0);
        }

        public static Reply of(int status, String body, String... headers) {
            return of(status, body.getBytes(StandardCharsets.UTF_8), headers);
        }

        /** Reads the request, then closes the connection with a TCP reset and no answer. */
        public static Reply reset() {
            return new Reply(0, List.of(), new byte[0], 0, true, 0);
        }

        /** Sends the head and the first {@code sent} bytes of the body, then closes the connection. */
        public static Reply shortBody(byte[] body, int sent, String... headers) {
            return new Reply(200, List.of(headers), body, sent, false, 0);
        }

        /** Sends the head and the first {@code sent} bytes, then waits {@code millis} before closing. */
        public static Reply stall(byte[] body, int sent, long millis, String... headers) {
            return new Reply(200, List.of(headers), body, sent, false, millis);
        }

        /** Sends nothing at all for {@code millis}, then closes. */
        public static Reply silence(long millis) {
            return new Reply(-1, List.of(), new byte[0], 0, false, millis);
        }
    }

    public ReplayServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "replay-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** {@code http://127.0.0.1:<port>} */
    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Queues answers for a path (e.g. {@code /cdx/search/cdx}). */
    public synchronized ReplayServer on(String path, Reply... answers) {
        replies.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(answers));
        return this;
    }

    /**
     * Queues answers for a path requested with a query parameter of this value (e.g. the CDX API
     * asked about one URL); these come before the answers queued for the path alone.
     */
    public synchronized ReplayServer on(String path, String parameter, String value, Reply... answers) {
        replies.computeIfAbsent(path + "?" + parameter + "=" + value, p -> new ArrayDeque<>()).addAll(List.of(answers));
        return this;
    }

    /** Every request so far, in order of arrival. */
    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private synchronized Reply next(Request request) {
        String path = request.path();
        Deque<Reply> queue = null;
        for (Map.Entry<String, Deque<Reply>> keyed : replies.entrySet()) {
            String key = keyed.getKey();
            int eq = key.indexOf('=', path.length());
            if (key.startsWith(path + "?") && eq > 0
                    && key.substring(eq + 1).equals(request.query(key.substring(path.length() + 1, eq)))) {
                queue = keyed.getValue();
                break;
            }
        }
        if (queue == null) {
            queue = replies.get(path);
        }
        if (queue == null || queue.isEmpty()) {
            return Reply.of(404, "no such thing here", "Content-Type: text/plain");
        }
        return queue.size() > 1 ? queue.poll() : queue.peek();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                Thread t = new Thread(() -> serve(socket), "replay-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            Request request = readRequest(socket.getInputStream());
            if (request == null) {
                return;
            }
            requests.add(request);
            Reply reply = next(request);
            OutputStream out = socket.getOutputStream();
            if (reply.reset) {
                socket.setSoLinger(true, 0);
                return;
            }
            if (reply.status < 0) {
                Thread.sleep(reply.stallMillis);
                return;
            }
            StringBuilder head = new StringBuilder("HTTP/1.1 ").append(reply.status).append(' ')
                    .append(reason(reply.status)).append("\r\n");
            for (String h : reply.headers) {
                head.append(h).append("\r\n");
            }
            if (reply.headers.stream().noneMatch(h -> h.toLowerCase(Locale.ROOT).startsWith("content-length:"))) {
                head.append("Content-Length: ").append(reply.body.length).append("\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(reply.body, 0, reply.sendBytes);
            out.flush();
            if (reply.stallMillis > 0) {
                Thread.sleep(reply.stallMillis);
            }
        } catch (IOException | InterruptedException e) {
            // the client went away, or the server is closing: nothing to answer
        }
    }

    private static Request readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        List<String> lines = new ArrayList<>();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1).replaceAll("\r$", "");
                line.reset();
                if (text.isEmpty()) {
                    break;
                }
                lines.add(text);
            } else {
                line.write(b);
            }
        }
        if (lines.isEmpty()) {
            return null;
        }
        String[] start = lines.get(0).split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h : lines.subList(1, lines.size())) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
        }
        return new Request(start[0], start[1], headers);
    }

    private static String reason(int status) {
        switch (status) {
            case 200: return "OK";
            case 302: return "Found";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 429: return "Too Many Requests";
            case 503: return "Service Unavailable";
            default: return "Status";
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (sockets) {
            for (Socket s : sockets) {
                try {
                    s.close();
                } catch (SocketException ignored) {
                    // already closed
                }
            }
        }
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
