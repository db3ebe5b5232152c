package dev.palimpsest.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A misbehaving server on loopback, over a plain {@link ServerSocket}: what a Wayback service or a
 * TSA does when it breaks. It reads the request (head and body) and then behaves as set;
 * {@link #connections()} counts the connections, so a test can tell whether a client retried.
 * Closing it releases every held connection.
 */
public final class FaultyServer implements AutoCloseable {
    /** What the server does with a request. */
    public enum Fault {
        /** Accepts and reads, then never answers (until closed). */
        HANG,
        /** Reads the request, then resets the connection (TCP RST: SO_LINGER 0 and close). */
        RESET,
        /** Answers bytes that are not HTTP at all, then closes. */
        GARBAGE,
        /** Answers HTTP 200 with a declared body of 1 MiB, sends 100 bytes of it, then stalls. */
        STALL_BODY,
        /** Answers HTTP 200 whose body is 200 random bytes (not what the client asked for). */
        GARBAGE_BODY
    }

    private final ServerSocket server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "faulty-server");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Fault fault;

    private FaultyServer(Fault fault) throws IOException {
        this.fault = fault;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        executor.execute(this::accept);
    }

    /** Starts a server with the given fault on a free loopback port. */
    public static FaultyServer start(Fault fault) {
        try {
            return new FaultyServer(fault);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the faulty server", e);
        }
    }

    /** The server's base URL, {@code http://127.0.0.1:PORT}, followed by {@code path}. */
    public URI url(String path) {
        return URI.create("http://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort() + path);
    }

    /** How many connections were accepted so far. */
    public int connections() {
        return connections.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                open.add(socket);
                executor.execute(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            readRequest(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            switch (fault) {
                case HANG:
                    closing.await();
                    break;
                case RESET:
                    socket.setSoLinger(true, 0);
                    break;
                case GARBAGE:
                    out.write("\u0000\u0001SSH-2.0-not-http\r\n\u00ff\u00fe".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    break;
                case STALL_BODY:
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                            + (1 << 20) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(new byte[100]);
                    out.flush();
                    closing.await();
                    break;
                case GARBAGE_BODY:
                    byte[] body = new byte[200];
                    new java.util.Random(3161).nextBytes(body);
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/timestamp-reply\r\nContent-Length: "
                            + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                    break;
                default:
                    throw new IllegalStateException(fault.toString());
            }
        } catch (IOException | InterruptedException e) {
            // the client went away, or the server is closing
        } finally {
            open.remove(socket);
        }
    }

    /** Reads the request head and its body (by Content-Length), so closing never resets by accident. */
    private static void readRequest(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
        for (int b; matched < 4 && (b = in.read()) >= 0;) {
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                in.readNBytes(Integer.parseInt(line.substring(colon + 1).trim()));
            }
        }
    }

    /** Stops accepting and releases every held connection. */
    @Override
    public void close() {
        closing.countDown();
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
