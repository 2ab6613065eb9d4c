package io.iabulk.contacts.internal;

/**
 * The addresses an import has staged so far, by 64 bits of their SHA-256 (the hash the import
 * computes anyway): enough to know whether a file repeats an address, so the merge folds repeated
 * lines only when there are some. A set of longs (open addressing, at most half full): a
 * million addresses cost 16 to 32 MB instead of the ~100 MB of a set of strings. Two addresses sharing 64
 * bits (about one chance in 10^7 for a file of a million) only make the merge look for repeats that
 * are not there; the merge itself compares whole addresses.
 */
final class SeenAddresses {

    private long[] slots = new long[1 << 10];
    private int size;

    /**
     * Records an address by its hash (hex, at least 16 digits); true when an address with the same
     * 64 bits was recorded before.
     */
    boolean seenBefore(String sha256Hex) {
        long key = Long.parseUnsignedLong(sha256Hex, 0, 16, 16);
        if (key == 0) {
            key = 1; // 0 marks a free slot
        }
        int mask = slots.length - 1;
        int at = mix(key) & mask;
        while (slots[at] != 0) {
            if (slots[at] == key) {
                return true;
            }
            at = (at + 1) & mask;
        }
        slots[at] = key;
        if (++size > slots.length / 2) {
            grow();
        }
        return false;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        int mask = slots.length - 1;
        for (long key : old) {
            if (key != 0) {
                int at = mix(key) & mask;
                while (slots[at] != 0) {
                    at = (at + 1) & mask;
                }
                slots[at] = key;
            }
        }
    }

    /** The key's bits spread (SHA-256 bits are already uniform; this keeps the table honest for any key). */
    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
