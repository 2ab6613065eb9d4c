package io.iabulk.delivery.transport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny SMTP server whose replies are scripted by the addresses used, for the failures a real
 * server rarely gives on demand. Sender {@code mail-NNN@…}: MAIL gets NNN. Recipient {@code
 * rcpt-NNN@…}: RCPT gets NNN; {@code data-NNN@…}: the end of data gets NNN; {@code drop-rcpt@…}:
 * the connection is cut at RCPT; {@code drop-data@…}: cut in the middle of the data. Everything
 * else is accepted.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    private static final Pattern CODE = Pattern.compile("^(mail|rcpt|data)-(\\d{3})@");

    private final ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<String> delivered = new ConcurrentLinkedQueue<>();
    private volatile boolean closeAfterEachMessage;
    private volatile String credentials;

    ScriptedSmtpServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "scripted-smtp-" + server.getLocalPort());
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    int connections() {
        return connections.get();
    }

    /** Recipients of the messages accepted so far. */
    List<String> delivered() {
        return List.copyOf(delivered);
    }

    /** Closes each connection right after accepting a message, as a relay's idle timeout would. */
    void closeAfterEachMessage(boolean close) {
        this.closeAfterEachMessage = close;
    }

    /** Offers AUTH PLAIN and refuses mail until a client logged in with this user and password. */
    void requireLogin(String user, String password) {
        this.credentials = "\0" + user + "\0" + password;
    }

    /** Cuts every open connection now, without a goodbye. */
    void cutAll() {
        for (Socket socket : open) {
            closeQuietly(socket);
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                open.add(socket);
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            reply(out, "220 scripted ESMTP");
            String sender = "";
            String recipient = "";
            boolean authenticated = credentials == null;
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                    reply(out, credentials == null ? "250 scripted" : "250-scripted\r\n250 AUTH PLAIN");
                } else if (command.startsWith("AUTH PLAIN")) {
                    String response = line.substring(10).trim();
                    if (response.isEmpty()) { // no initial response: ask for it
                        reply(out, "334 ");
                        response = String.valueOf(in.readLine()).trim();
                    }
                    String given = new String(java.util.Base64.getDecoder().decode(response), StandardCharsets.UTF_8);
                    // authzid NUL user NUL password; the authzid may be empty or the user
                    authenticated = given.substring(given.indexOf('\0')).equals(credentials);
                    reply(out, authenticated ? "235 welcome" : "535 5.7.8 bad credentials");
                } else if (!authenticated && command.startsWith("MAIL FROM:")) {
                    reply(out, "530 5.7.0 authentication required");
                } else if (command.startsWith("MAIL FROM:")) {
                    sender = address(line);
                    reply(out, code(sender, "mail", "250 sender ok"));
                } else if (command.startsWith("RCPT TO:")) {
                    recipient = address(line);
                    if (recipient.startsWith("drop-rcpt@")) {
                        return;
                    }
                    reply(out, code(recipient, "rcpt", "250 recipient ok"));
                } else if (command.equals("DATA")) {
                    reply(out, "354 go ahead");
                    if (recipient.startsWith("drop-data@")) {
                        in.readLine();
                        return;
                    }
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        // the message itself is not kept
                    }
                    String answer = code(recipient, "data", "250 queued");
                    if (answer.startsWith("250")) {
                        delivered.add(recipient); // before the reply: the client may look right after it
                    }
                    reply(out, answer);
                    if (answer.startsWith("250") && closeAfterEachMessage) {
                        return;
                    }
                } else if (command.equals("RSET") || command.equals("NOOP")) {
                    reply(out, "250 ok");
                } else if (command.equals("QUIT")) {
                    reply(out, "221 bye");
                    return;
                } else {
                    reply(out, "502 not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            open.remove(socket);
        }
    }

    private static String code(String address, String stage, String otherwise) {
        Matcher m = CODE.matcher(address);
        if (m.find() && m.group(1).equals(stage)) {
            return m.group(2) + " scripted " + stage + " reply";
        }
        return otherwise;
    }

    private static String address(String line) {
        int open = line.indexOf('<');
        int close = line.indexOf('>', open + 1);
        return open >= 0 && close > open ? line.substring(open + 1, close).toLowerCase(Locale.ROOT) : "";
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        cutAll();
    }
}
