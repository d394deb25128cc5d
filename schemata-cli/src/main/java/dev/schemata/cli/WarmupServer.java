package dev.schemata.cli;

import dev.schemata.devdb.Passwords;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Just enough of a PostgreSQL server, on a loopback port, for {@link WarmupCommand} to connect to while
 * the launcher records the classes a run loads: the driver's start-up, SCRAM-SHA-256 authentication and
 * the extended query protocol load some four hundred classes that a build, with no server, would
 * otherwise leave out of the class-data archive, and every later command that connects would load them
 * from the jar (about 30 ms of a 0.4 s status). Every query gets an empty result. Serves one connection,
 * then stops; a stalled client is dropped after a few seconds.
 */
final class WarmupServer implements AutoCloseable {
    static final String USER = "warmup";
    static final String PASSWORD = "warmup";
    private static final int SSL_REQUEST = 80877103;
    private static final int GSS_REQUEST = 80877104;
    private static final int TIMEOUT_MS = 5000;

    private final ServerSocket socket;
    private final Thread thread;

    private WarmupServer(ServerSocket socket) {
        this.socket = socket;
        this.thread = new Thread(this::serve, "schemata-warmup-server");
        thread.setDaemon(true);
    }

    static WarmupServer start() throws IOException {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        socket.setSoTimeout(TIMEOUT_MS);
        WarmupServer server = new WarmupServer(socket);
        server.thread.start();
        return server;
    }

    int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            thread.join(TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve() {
        try (Socket client = socket.accept()) {
            client.setSoTimeout(TIMEOUT_MS);
            DataInputStream in = new DataInputStream(client.getInputStream());
            DataOutputStream out = new DataOutputStream(client.getOutputStream());
            startUp(in, out);
            authenticate(in, out);
            answerQueries(in, out);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // The client went away or said something unexpected: the warm-up has what it came for.
        }
    }

    /** Declines encryption requests, then reads the start-up message. */
    private static void startUp(DataInputStream in, DataOutputStream out) throws IOException {
        while (true) {
            int length = in.readInt();
            int code = in.readInt();
            in.readNBytes(length - 8);
            if (code != SSL_REQUEST && code != GSS_REQUEST) {
                return;
            }
            out.writeByte('N');
            out.flush();
        }
    }

    private static void authenticate(DataInputStream in, DataOutputStream out) throws IOException, GeneralSecurityException {
        send(out, 'R', message().int32(10).text("SCRAM-SHA-256").text(""));
        byte[] initial = payload(in, 'p');
        // The mechanism name, then the client-first-message with its length in front.
        int start = indexOf(initial, (byte) 0) + 1 + 4;
        String clientFirst = new String(initial, start, initial.length - start, StandardCharsets.UTF_8);
        String clientFirstBare = clientFirst.substring(clientFirst.indexOf(",,") + 2);
        String clientNonce = clientFirstBare.substring(clientFirstBare.indexOf("r=") + 2);
        // As PostgreSQL does: keep only the verifier, SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>.
        String[] verifier = Passwords.scramVerifier(PASSWORD).split("[$:]");
        String serverFirst = "r=" + clientNonce + "warmup,s=" + verifier[2] + ",i=" + verifier[1];
        send(out, 'R', message().int32(11).raw(serverFirst));
        String clientFinal = new String(payload(in, 'p'), StandardCharsets.UTF_8);
        String authMessage = clientFirstBare + "," + serverFirst + "," + clientFinal.substring(0, clientFinal.indexOf(",p="));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(verifier[4]), "HmacSHA256"));
        byte[] signature = mac.doFinal(authMessage.getBytes(StandardCharsets.UTF_8));
        send(out, 'R', message().int32(12).raw("v=" + Base64.getEncoder().encodeToString(signature)));
        send(out, 'R', message().int32(0));
        String[][] parameters = {{"server_version", "15.0"}, {"server_encoding", "UTF8"}, {"client_encoding", "UTF8"},
                {"DateStyle", "ISO, MDY"}, {"integer_datetimes", "on"}, {"standard_conforming_strings", "on"},
                {"TimeZone", "UTC"}, {"IntervalStyle", "postgres"}, {"is_superuser", "off"},
                {"session_authorization", USER}, {"application_name", "schemata"}};
        for (String[] p : parameters) {
            send(out, 'S', message().text(p[0]).text(p[1]));
        }
        send(out, 'K', message().int32(1).int32(1));
        send(out, 'Z', message().byte1('I'));
    }

    /** Parse, bind, describe, execute and sync as a server would, every query giving no rows. */
    private static void answerQueries(DataInputStream in, DataOutputStream out) throws IOException {
        Message noRows = message().int16(1).text("?column?").int32(0).int16(0).int32(25).int16(-1).int32(-1).int16(0);
        while (true) {
            int type = in.read();
            if (type < 0 || type == 'X') {
                return;
            }
            byte[] body = in.readNBytes(in.readInt() - 4);
            switch (type) {
                case 'P' -> send(out, '1', message());
                case 'B' -> send(out, '2', message());
                case 'C' -> send(out, '3', message());
                case 'D' -> {
                    if (body.length > 0 && body[0] == 'S') {
                        send(out, 't', message().int16(0));
                    }
                    send(out, 'T', noRows);
                }
                case 'E' -> send(out, 'C', message().text("SELECT 0"));
                case 'S' -> send(out, 'Z', message().byte1('I'));
                case 'Q' -> {
                    send(out, 'T', noRows);
                    send(out, 'C', message().text("SELECT 0"));
                    send(out, 'Z', message().byte1('I'));
                }
                case 'H' -> out.flush();
                default -> {
                    return;
                }
            }
        }
    }

    private static byte[] payload(DataInputStream in, char expected) throws IOException {
        int type = in.read();
        if (type != expected) {
            throw new IOException("expected message " + expected);
        }
        return in.readNBytes(in.readInt() - 4);
    }

    private static void send(DataOutputStream out, char type, Message message) throws IOException {
        byte[] body = message.bytes.toByteArray();
        out.writeByte(type);
        out.writeInt(body.length + 4);
        out.write(body);
        out.flush();
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static Message message() {
        return new Message();
    }

    /** A message body under construction. */
    private static final class Message {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Message int32(int value) {
            bytes.write(value >>> 24);
            bytes.write(value >>> 16);
            bytes.write(value >>> 8);
            bytes.write(value);
            return this;
        }

        Message int16(int value) {
            bytes.write(value >>> 8);
            bytes.write(value);
            return this;
        }

        Message byte1(char value) {
            bytes.write(value);
            return this;
        }

        Message raw(String text) {
            bytes.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        /** A NUL-terminated string. */
        Message text(String text) {
            raw(text);
            bytes.write(0);
            return this;
        }
    }
}
