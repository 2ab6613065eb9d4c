package io.iabulk.delivery.transport;

import java.io.ByteArrayOutputStream;

/**
 * Collects a message with every line end turned into CRLF (a lone CR or LF too), so that the bytes
 * signed are the bytes an SMTP server receives (SMTP's DATA stream would rewrite bare line ends).
 */
final class CrlfOutputStream extends ByteArrayOutputStream {

    private int last = -1;

    CrlfOutputStream(int size) {
        super(size);
    }

    @Override
    public void write(int b) {
        if (b == '\n') {
            if (last != '\r') {
                super.write('\r');
            }
            super.write('\n');
        } else {
            if (last == '\r') {
                super.write('\n');
            }
            if (b != '\r') {
                super.write(b);
            } else {
                super.write('\r');
            }
        }
        last = b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        // copy runs without line ends in one go; only CR and LF go through the byte-wise path
        int end = offset + length;
        int run = offset;
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            if (b == '\r' || b == '\n') {
                flushRun(bytes, run, i);
                write(b);
                run = i + 1;
            }
        }
        flushRun(bytes, run, end);
    }

    private void flushRun(byte[] bytes, int from, int to) {
        if (from < to) {
            if (last == '\r') {
                super.write('\n');
            }
            super.write(bytes, from, to - from);
            last = bytes[to - 1];
        }
    }

    /** The bytes written, ending a trailing lone CR. */
    byte[] finish() {
        if (last == '\r') {
            super.write('\n');
            last = '\n';
        }
        return toByteArray();
    }
}
