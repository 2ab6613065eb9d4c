package io.iabulk.webhooks.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses a webhook may reach (SSRF): only public unicast ones. Refused: unspecified,
 * loopback, private (RFC 1918), CGNAT (100.64/10), link-local, unique-local (fc00::/7), site-local,
 * multicast, broadcast, reserved and documentation ranges, and IPv6 forms that embed an IPv4
 * address (mapped, compatible, NAT64 64:ff9b::/96, 6to4 2002::/16) when the embedded one is
 * refused. Checked at creation on the resolved host and at every delivery on the address the
 * request then connects to, so a DNS answer that changes (rebinding) cannot redirect a delivery.
 */
public final class AddressGuard {

    private AddressGuard() {}

    /** Why this address is refused, or empty when a webhook may connect to it. */
    public static Optional<String> refusal(InetAddress address) {
        if (address instanceof Inet4Address v4) {
            return refusal4(v4.getAddress());
        }
        byte[] b = address.getAddress();
        if (b.length != 16) {
            return Optional.of("not an IP address");
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("the unspecified address");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("a loopback address");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("a multicast address");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("a link-local address");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("a site-local address");
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return Optional.of("a unique-local address");
        }
        // ::a.b.c.d (compatible) and ::ffff:a.b.c.d (mapped): the embedded IPv4 address decides
        if (allZero(b, 0, 10) && ((b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff))) {
            return refusal4(Arrays.copyOfRange(b, 12, 16));
        }
        // NAT64 64:ff9b::/96 reaches the embedded IPv4 address through a translator
        if (b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b && allZero(b, 4, 12)) {
            return refusal4(Arrays.copyOfRange(b, 12, 16));
        }
        // 6to4 2002:V4ADDR::/48
        if (b[0] == 0x20 && b[1] == 0x02) {
            return refusal4(Arrays.copyOfRange(b, 2, 6));
        }
        // documentation 2001:db8::/32
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == (byte) 0xb8) {
            return Optional.of("a documentation address");
        }
        return Optional.empty();
    }

    private static Optional<String> refusal4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        if (a0 == 0) {
            return Optional.of("an unspecified address (0.0.0.0/8)");
        }
        if (a0 == 127) {
            return Optional.of("a loopback address");
        }
        if (a0 == 10 || (a0 == 172 && a1 >= 16 && a1 <= 31) || (a0 == 192 && a1 == 168)) {
            return Optional.of("a private address");
        }
        if (a0 == 100 && a1 >= 64 && a1 <= 127) {
            return Optional.of("a shared (CGNAT) address");
        }
        if (a0 == 169 && a1 == 254) {
            return Optional.of("a link-local address");
        }
        if (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)) {
            return Optional.of("a reserved address");
        }
        if ((a0 == 198 && (a1 == 18 || a1 == 19))
                || (a0 == 198 && a1 == 51 && a2 == 100)
                || (a0 == 203 && a1 == 0 && a2 == 113)) {
            return Optional.of("a reserved address");
        }
        if (a0 >= 224 && a0 <= 239) {
            return Optional.of("a multicast address");
        }
        if (a0 >= 240) {
            return Optional.of("a reserved or broadcast address");
        }
        return Optional.empty();
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The host's addresses: a literal is parsed without DNS, a name is resolved. */
    public static List<InetAddress> resolve(String host) throws UnknownHostException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return List.of(InetAddress.getAllByName(bare));
    }

    /**
     * Whether the host is an IPv4 address written in other than the four plain decimal numbers
     * ({@code 0177.0.0.1}, {@code 127.1}, {@code 2130706433}, {@code 010.0.0.1}). Java reads such a
     * literal one way (0177 as 177) and C libraries, curl and proxies another (0177 as octal 127), so
     * the address checked here need not be the one another program would reach: refused outright.
     */
    public static boolean isAmbiguousIpv4(String host) {
        if (host.isEmpty() || !host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
            return false;
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return true;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
                return true;
            }
            if (Integer.parseInt(part) > 255) {
                return true;
            }
        }
        return false;
    }

    /** Whether the host is an IP literal (IPv4 dotted or IPv6 in brackets). */
    public static boolean isLiteral(String host) {
        return host.startsWith("[") || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }
}
