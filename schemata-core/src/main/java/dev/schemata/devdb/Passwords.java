package dev.schemata.devdb;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Random passwords for the servers Schemata runs, and their SCRAM-SHA-256 verifiers. The server is only ever
 * given the verifier, so the password itself appears in no server log, process input or error message.
 */
public final class Passwords {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int ITERATIONS = 4096;

    private Passwords() {
    }

    /** 192 random bits in URL-safe characters, so the password needs no escaping in a URL or in SQL. */
    public static String generate() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Eight random hex digits, to make a name no other run uses. */
    static String hexToken() {
        return java.util.HexFormat.of().toHexDigits(RANDOM.nextInt());
    }

    /** The verifier PostgreSQL stores for {@code password} (RFC 5802/7677, as {@code pg_authid} holds it). */
    public static String scramVerifier(String password) {
        return scramVerifier(password, ITERATIONS);
    }

    /**
     * As {@link #scramVerifier(String)}, with {@code iterations} rounds of the key derivation, which both this
     * call and every login repeat. Many rounds slow down the guessing of a weak password from a stolen verifier;
     * a password of {@link #generate()} (192 random bits) cannot be guessed however fast each guess is.
     */
    static String scramVerifier(String password, int iterations) {
        try {
            byte[] salt = new byte[16];
            RANDOM.nextBytes(salt);
            SecretKeyFactory pbkdf2 = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            byte[] salted = pbkdf2.generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
            byte[] clientKey = hmac(salted, "Client Key");
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
            byte[] serverKey = hmac(salted, "Server Key");
            Base64.Encoder b64 = Base64.getEncoder();
            return "SCRAM-SHA-256$" + iterations + ":" + b64.encodeToString(salt) + "$" + b64.encodeToString(storedKey)
                    + ":" + b64.encodeToString(serverKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks SCRAM-SHA-256 primitives", e);
        }
    }

    private static byte[] hmac(byte[] key, String text) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes the password to a file only its owner can read; it never exists with wider permissions. */
    static void write(Path file, String password) {
        try {
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot write the password file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The password kept in {@code file}, if there is one. */
    static Optional<String> read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
