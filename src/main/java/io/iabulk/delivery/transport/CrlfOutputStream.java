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
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
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
