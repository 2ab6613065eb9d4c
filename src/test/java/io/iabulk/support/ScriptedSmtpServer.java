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
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real SMTP server on a socket, small enough to script: it answers RCPT TO for chosen recipients
 * with chosen replies (once, or always), records every message it accepts, and can be stopped and
 * started again on the same port to stage an outage.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

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
    private volatile ServerSocket server;

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

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Messages accepted for one recipient. */
    public long receivedFor(String recipient) {
        return received.stream()
                .filter(r -> r.recipients().stream().anyMatch(a -> a.equalsIgnoreCase(recipient)))
                .count();
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
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        server = null;
        for (Socket client : clients) {
            try {
                client.close();
            } catch (IOException ignored) {
                // closing anyway
            }
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
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO")) {
                    reply(out, "250-scripted\r\n250 8BITMIME");
                } else if (command.startsWith("HELO")) {
                    reply(out, "250 scripted");
                } else if (command.startsWith("MAIL FROM")) {
                    recipients.clear();
                    reply(out, "250 2.1.0 OK");
                } else if (command.startsWith("RCPT TO")) {
                    String address =
                            line.substring(line.indexOf(':') + 1).strip().replaceAll("[<>]", "");
                    String scripted = scripted(address);
                    if (scripted == null) {
                        recipients.add(address);
                        reply(out, "250 2.1.5 OK");
                    } else {
                        reply(out, scripted);
                    }
                } else if (command.equals("DATA")) {
                    if (recipients.isEmpty()) {
                        reply(out, "554 5.5.1 no valid recipients");
                        continue;
                    }
                    reply(out, "354 go ahead");
                    StringBuilder data = new StringBuilder();
                    String dataLine;
                    while ((dataLine = in.readLine()) != null && !dataLine.equals(".")) {
                        data.append(dataLine.startsWith("..") ? dataLine.substring(1) : dataLine)
                                .append("\r\n");
                    }
                    received.add(new Received(List.copyOf(recipients), data.toString()));
                    recipients.clear();
                    reply(out, "250 2.0.0 queued as " + received.size());
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

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String key(String address) {
        return address.toLowerCase(Locale.ROOT);
    }
}
