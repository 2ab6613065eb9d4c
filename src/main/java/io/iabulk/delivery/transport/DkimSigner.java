package io.iabulk.delivery.transport;

import io.iabulk.delivery.DeliveryProperties;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Signs messages with DKIM (RFC 6376): rsa-sha256, relaxed header and body canonicalisation. It
 * works on the final CRLF bytes of a message and prepends the {@code DKIM-Signature} field, so what
 * is signed is exactly what is sent. The RSA signature, most of a signed message's CPU, is made by
 * the {@link DkimProvider} chosen at start (ACCP where it loads, else the JDK's).
 */
final class DkimSigner {

    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static final int LINE = 76;

    private final String domain;
    private final String selector;
    private final PrivateKey key;
    private final List<String> headers;
    private final Clock clock;
    private final DkimProvider provider;

    DkimSigner(
            String domain, String selector, PrivateKey key, List<String> headers, Clock clock, DkimProvider provider) {
        this.domain = domain;
        this.selector = selector;
        this.key = providerKey(key, provider);
        this.headers =
                headers.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        this.clock = clock;
        this.provider = provider;
    }

    /** The signer the settings describe, or null when DKIM is not configured. */
    static DkimSigner from(DeliveryProperties.Dkim settings, Clock clock) {
        if (!settings.enabled()) {
            return null;
        }
        String pem;
        try {
            pem = settings.privateKey() != null && !settings.privateKey().isBlank()
                    ? settings.privateKey()
                    : Files.readString(settings.privateKeyFile());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the DKIM key " + settings.privateKeyFile() + ": " + e, e);
        }
        return new DkimSigner(
                settings.domain(),
                settings.selector(),
                privateKey(pem),
                settings.headers(),
                clock,
                DkimProvider.choose(settings.nativeProvider()));
    }

    /** The provider that makes the signatures. */
    DkimProvider provider() {
        return provider;
    }

    /**
     * The key as the provider's own object, made once: handed a JDK key, a native provider would
     * convert it on every signature.
     */
    private static PrivateKey providerKey(PrivateKey key, DkimProvider provider) {
        if (!provider.isNative()) {
            return key;
        }
        try {
            return KeyFactory.getInstance("RSA", provider.provider())
                    .generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(provider.name() + " refuses the DKIM key: " + e.getMessage(), e);
        }
    }

    /** An RSA private key from PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}). */
    static PrivateKey privateKey(String pem) {
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalStateException("The DKIM key is PKCS#1; convert it to PKCS#8: "
                    + "openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pk8.pem");
        }
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            PrivateKey key = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            if (((RSAPrivateKey) key).getModulus().bitLength() < 1024) {
                throw new IllegalStateException("The DKIM key is shorter than 1024 bits");
            }
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The DKIM key is not an RSA key in PKCS#8 PEM: " + e.getMessage(), e);
        }
    }

    /** The message with a {@code DKIM-Signature} field in front. */
    byte[] sign(byte[] message) {
        int split = headerEnd(message);
        List<byte[]> fields = fields(message, split);
        byte[] bodyHash = sha256(relaxedBody(message, Math.min(split + 2, message.length)));

        // bottom-up: when a field occurs several times, the last one is signed first (RFC 6376 5.4.2)
        List<byte[]> signed = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Set<Integer> used = new HashSet<>();
        for (String name : headers) {
            for (int i = fields.size() - 1; i >= 0; i--) {
                if (!used.contains(i) && name.equals(fieldName(fields.get(i)))) {
                    used.add(i);
                    signed.add(fields.get(i));
                    names.add(name);
                    break;
                }
            }
        }
        String value = " v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + domain + "; s=" + selector + ";\r\n\tt="
                + clock.instant().getEpochSecond() + "; h=" + String.join(":", names) + ";\r\n\tbh="
                + BASE64.encodeToString(bodyHash) + ";\r\n\tb=";
        ByteArrayOutputStream data = new ByteArrayOutputStream(1024);
        for (byte[] field : signed) {
            relaxedHeader(field, data);
            data.writeBytes(new byte[] {'\r', '\n'});
        }
        // the signature field itself, with an empty b= and without its line end (RFC 6376 3.7)
        relaxedHeader(("DKIM-Signature:" + value).getBytes(StandardCharsets.US_ASCII), data);
        String signature = BASE64.encodeToString(rsaSha256(data.toByteArray()));

        StringBuilder field = new StringBuilder(value.length() + signature.length() + 64);
        field.append("DKIM-Signature:").append(value);
        int column = 3; // "\tb="
        for (int i = 0; i < signature.length(); i += LINE - column, column = 1) {
            if (i > 0) {
                field.append("\r\n\t");
            }
            field.append(signature, i, Math.min(signature.length(), i + LINE - column));
        }
        field.append("\r\n");
        byte[] prefix = field.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[prefix.length + message.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(message, 0, out, prefix.length, message.length);
        return out;
    }

    private byte[] rsaSha256(byte[] data) {
        try {
            Signature rsa = Signature.getInstance(DkimProvider.ALGORITHM, provider.provider());
            rsa.initSign(key);
            rsa.update(data);
            return rsa.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("DKIM signing failed", e);
        }
    }

    /** Index of the CRLF that ends the last header line (the blank line follows), or the length. */
    static int headerEnd(byte[] m) {
        for (int i = 0; i + 3 < m.length; i++) {
            if (m[i] == '\r' && m[i + 1] == '\n' && m[i + 2] == '\r' && m[i + 3] == '\n') {
                return i + 2;
            }
        }
        return m.length;
    }

    /** The header fields, each with its continuation lines and without its final CRLF. */
    static List<byte[]> fields(byte[] m, int end) {
        List<byte[]> fields = new ArrayList<>();
        int start = 0;
        for (int i = 0; i + 1 < end; i++) {
            if (m[i] == '\r' && m[i + 1] == '\n') {
                boolean continued = i + 2 < end && (m[i + 2] == ' ' || m[i + 2] == '\t');
                if (!continued) {
                    fields.add(java.util.Arrays.copyOfRange(m, start, i));
                    start = i + 2;
                }
                i++;
            }
        }
        if (start < end && end == m.length) {
            fields.add(java.util.Arrays.copyOfRange(m, start, end));
        }
        return fields;
    }

    private static String fieldName(byte[] field) {
        int colon = 0;
        while (colon < field.length && field[colon] != ':') {
            colon++;
        }
        return new String(field, 0, colon, StandardCharsets.US_ASCII).trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Relaxed header canonicalisation (RFC 6376 3.4.2): lower-case name, no space around the colon,
     * unfolded, runs of whitespace as one space, none at the end.
     */
    static void relaxedHeader(byte[] field, ByteArrayOutputStream out) {
        int colon = 0;
        while (field[colon] != ':') {
            colon++;
        }
        int nameEnd = colon;
        while (nameEnd > 0 && isWsp(field[nameEnd - 1])) {
            nameEnd--;
        }
        for (int i = 0; i < nameEnd; i++) {
            byte b = field[i];
            out.write(b >= 'A' && b <= 'Z' ? b + 32 : b);
        }
        out.write(':');
        boolean space = false;
        boolean started = false;
        for (int i = colon + 1; i < field.length; i++) {
            byte b = field[i];
            if (b == '\r' || b == '\n') {
                continue;
            }
            if (isWsp(b)) {
                space = true;
                continue;
            }
            if (space && started) {
                out.write(' ');
            }
            space = false;
            started = true;
            out.write(b);
        }
    }

    /**
     * Relaxed body canonicalisation (RFC 6376 3.4.4): whitespace runs as one space, none at line
     * ends, no empty lines at the end, and a final CRLF unless the body is empty.
     */
    static byte[] relaxedBody(byte[] m, int from) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(16, m.length - from));
        int pendingEmptyLines = 0;
        int i = from;
        while (i < m.length) {
            int lineEnd = i;
            while (lineEnd < m.length && !(m[lineEnd] == '\r' && lineEnd + 1 < m.length && m[lineEnd + 1] == '\n')) {
                lineEnd++;
            }
            int contentEnd = lineEnd;
            while (contentEnd > i && isWsp(m[contentEnd - 1])) {
                contentEnd--;
            }
            if (contentEnd == i) {
                pendingEmptyLines++;
            } else {
                for (; pendingEmptyLines > 0; pendingEmptyLines--) {
                    out.write('\r');
                    out.write('\n');
                }
                boolean space = false;
                for (int j = i; j < contentEnd; j++) {
                    if (isWsp(m[j])) {
                        space = true;
                    } else {
                        if (space) {
                            out.write(' ');
                            space = false;
                        }
                        out.write(m[j]);
                    }
                }
                out.write('\r');
                out.write('\n');
            }
            i = lineEnd + 2;
        }
        return out.toByteArray();
    }

    private static boolean isWsp(byte b) {
        return b == ' ' || b == '\t';
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
