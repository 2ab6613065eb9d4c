package io.iabulk.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real SMTP server on a socket, small enough to script the failures a real server rarely gives on
 * demand. It records every message it accepts, counts connections, and can be stopped and started
 * again on the same port to stage an outage.
 *
 * <p>Replies are scripted per recipient ({@link #replyOnce}, {@link #replyAlways}: the RCPT TO
 * reply), or by the addresses used: sender {@code mail-NNN@…} gets NNN to MAIL FROM; recipient
 * {@code rcpt-NNN@…} gets NNN to RCPT TO, {@code data-NNN@…} gets NNN at the end of the data;
 * {@code drop-rcpt@…} has the connection cut at RCPT TO, {@code drop-data@…} in the middle of the
 * data. Everything else is accepted.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

    private static final Pattern CODED = Pattern.compile("^(mail|rcpt|data)-(\\d{3})@");

    /** A message the server accepted: its recipients and its raw text (headers and body). */
    public record Received(List<String> recipients, String data) {

        /** The value of a header, or null. */
        public String header(String name) {
            for (String line : data.split("\r\n")) {
                if (line.isEmpty()) {
                    return null;
                }
                if (line.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":")) {
                    return line.substring(name.length() + 1).strip();
                }
            }
            return null;
        }
    }

    private final int port;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<String>> onceReplies = new ConcurrentHashMap<>();
    private final Map<String, String> alwaysReplies = new ConcurrentHashMap<>();
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile ServerSocket server;
    private volatile boolean closeAfterEachMessage;
    private volatile String credentials;

    /** A server on a free port, not listening yet: {@link #start()} it. */
    public ScriptedSmtpServer() {
        try (ServerSocket probe = new ServerSocket(0)) {
            this.port = probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    /** The next RCPT TO for this address gets this reply (e.g. {@code 451 4.7.1 try later}), once. */
    public ScriptedSmtpServer replyOnce(String recipient, String reply) {
        onceReplies
                .computeIfAbsent(key(recipient), k -> new ConcurrentLinkedDeque<>())
                .add(reply);
        return this;
    }

    /** Every RCPT TO for this address gets this reply. */
    public ScriptedSmtpServer replyAlways(String recipient, String reply) {
        alwaysReplies.put(key(recipient), reply);
        return this;
    }

    /** Offers AUTH PLAIN and refuses mail until a client logged in with this user and password. */
    public ScriptedSmtpServer requireLogin(String user, String password) {
        this.credentials = "\0" + user + "\0" + password;
        return this;
    }

    /** Closes each connection right after accepting a message, as a relay's idle timeout would. */
    public ScriptedSmtpServer closeAfterEachMessage(boolean close) {
        this.closeAfterEachMessage = close;
        return this;
    }

    /** The messages accepted so far, in the order accepted. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The recipients of the messages accepted so far, in the order accepted. */
    public List<String> delivered() {
        return received.stream().flatMap(r -> r.recipients().stream()).toList();
    }

    /** Messages accepted for one recipient. */
    public long receivedFor(String recipient) {
        return received.stream()
                .filter(r -> r.recipients().stream().anyMatch(a -> a.equalsIgnoreCase(recipient)))
                .count();
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    public synchronized ScriptedSmtpServer start() {
        if (server != null) {
            return this;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            server = socket;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot listen on port " + port, e);
        }
        ServerSocket listening = server;
        Thread.ofVirtual().name("scripted-smtp-" + port).start(() -> accept(listening));
        return this;
    }

    /** Closes the listening socket and every open connection: clients see the server gone. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        closeQuietly(server);
        server = null;
        for (Socket client : clients) {
            closeQuietly(client);
        }
        clients.clear();
    }

    @Override
    public void close() {
        stop();
    }

    private void accept(ServerSocket listening) {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                connections.incrementAndGet();
                clients.add(client);
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client;
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
                OutputStream out = client.getOutputStream()) {
            reply(out, "220 scripted ESMTP");
            List<String> recipients = new ArrayList<>();
            boolean authenticated = credentials == null;
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO")) {
                    reply(out, credentials == null ? "250-scripted\r\n250 8BITMIME" : "250-scripted\r\n250 AUTH PLAIN");
                } else if (command.startsWith("HELO")) {
                    reply(out, "250 scripted");
                } else if (command.startsWith("AUTH PLAIN")) {
                    String response = line.substring("AUTH PLAIN".length()).strip();
                    if (response.isEmpty()) { // no initial response: ask for it
                        reply(out, "334 ");
                        response = String.valueOf(in.readLine()).strip();
                    }
                    String given = new String(Base64.getDecoder().decode(response), StandardCharsets.UTF_8);
                    // authzid NUL user NUL password; the authzid may be empty or the user
                    authenticated = given.substring(given.indexOf('\0')).equals(credentials);
                    reply(out, authenticated ? "235 welcome" : "535 5.7.8 bad credentials");
                } else if (command.startsWith("MAIL FROM")) {
                    recipients.clear();
                    reply(
                            out,
                            authenticated
                                    ? coded(address(line), "mail", "250 2.1.0 OK")
                                    : "530 5.7.0 authentication required");
                } else if (command.startsWith("RCPT TO")) {
                    String address = address(line);
                    if (address.startsWith("drop-rcpt@")) {
                        return;
                    }
                    String scripted = scripted(address);
                    String answer = scripted != null ? scripted : coded(address, "rcpt", "250 2.1.5 OK");
                    if (answer.startsWith("250")) {
                        recipients.add(address);
                    }
                    reply(out, answer);
                } else if (command.equals("DATA")) {
                    if (recipients.isEmpty()) {
                        reply(out, "554 5.5.1 no valid recipients");
                        continue;
                    }
                    reply(out, "354 go ahead");
                    if (recipients.stream().anyMatch(r -> r.startsWith("drop-data@"))) {
                        in.readLine();
                        return;
                    }
                    StringBuilder data = new StringBuilder();
                    String dataLine;
                    while ((dataLine = in.readLine()) != null && !dataLine.equals(".")) {
                        data.append(dataLine.startsWith("..") ? dataLine.substring(1) : dataLine)
                                .append("\r\n");
                    }
                    String answer = "250 2.0.0 queued";
                    for (String recipient : recipients) {
                        answer = coded(recipient, "data", answer);
                    }
                    if (answer.startsWith("250")) {
                        // before the reply: the client may look right after it
                        received.add(new Received(List.copyOf(recipients), data.toString()));
                    }
                    recipients.clear();
                    reply(out, answer);
                    if (answer.startsWith("250") && closeAfterEachMessage) {
                        return;
                    }
                } else if (command.startsWith("RSET")) {
                    recipients.clear();
                    reply(out, "250 2.0.0 OK");
                } else if (command.startsWith("NOOP")) {
                    reply(out, "250 2.0.0 OK");
                } else if (command.startsWith("QUIT")) {
                    reply(out, "221 2.0.0 bye");
                    return;
                } else {
                    reply(out, "502 5.5.2 unknown command");
                }
            }
        } catch (IOException e) {
            // the client went away, or the server was stopped
        } finally {
            clients.remove(client);
        }
    }

    private String scripted(String address) {
        Deque<String> once = onceReplies.get(key(address));
        if (once != null) {
            String reply = once.poll();
            if (reply != null) {
                return reply;
            }
        }
        return alwaysReplies.get(key(address));
    }

    /** The reply an address codes for at this stage ({@code rcpt-550@…}), or the one given. */
    private static String coded(String address, String stage, String otherwise) {
        Matcher m = CODED.matcher(address);
        if (m.find() && m.group(1).equals(stage)) {
            return m.group(2) + " scripted " + stage + " reply";
        }
        return otherwise;
    }

    /** The address of a MAIL FROM or RCPT TO line, lower-cased. */
    private static String address(String line) {
        int open = line.indexOf('<');
        int close = line.indexOf('>', open + 1);
        String address = open >= 0 && close > open
                ? line.substring(open + 1, close)
                : line.substring(line.indexOf(':') + 1).strip();
        return address.toLowerCase(Locale.ROOT);
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing anyway
        }
    }

    private static String key(String address) {
        return address.toLowerCase(Locale.ROOT);
    }
}
