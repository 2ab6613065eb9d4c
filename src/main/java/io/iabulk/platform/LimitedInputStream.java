package io.iabulk.platform;

import java.io.IOException;
import java.io.InputStream;

/**
 * A body stream that fails with {@link PayloadTooLargeException} as soon as more than the limit
 * has been read, for bodies whose length is not declared up front (chunked uploads).
 */
public final class LimitedInputStream extends InputStream {

    private final InputStream in;
    private final long limit;
    private long read;

    public LimitedInputStream(InputStream in, long limit) {
        this.in = in;
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) throws PayloadTooLargeException {
        read += n;
        if (read > limit) {
            throw new PayloadTooLargeException(limit);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
