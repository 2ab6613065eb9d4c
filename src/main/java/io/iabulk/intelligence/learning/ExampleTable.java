package io.iabulk.intelligence.learning;

import java.util.ArrayList;
import java.util.List;

/**
 * Feature rows and labels of examples, in float chunks that grow as examples come (no copy of what
 * is there, no array of the final size guessed in advance), in the order they were added.
 */
final class ExampleTable {

    static final int CHUNK_ROWS = 16_384;

    private final List<float[]> chunks = new ArrayList<>();
    private final List<boolean[]> opened = new ArrayList<>();
    private final List<boolean[]> clicked = new ArrayList<>();
    private final List<long[]> sentAt = new ArrayList<>();
    private int size;
    private long opens;

    /** A row to fill for a new example; {@link #label} completes it. */
    float[] next() {
        if (size % CHUNK_ROWS == 0) {
            chunks.add(new float[CHUNK_ROWS * Features.COUNT]);
            opened.add(new boolean[CHUNK_ROWS]);
            clicked.add(new boolean[CHUNK_ROWS]);
            sentAt.add(new long[CHUNK_ROWS]);
        }
        return chunks.getLast();
    }

    /** The offset in {@link #next()}'s array of the row being added. */
    int offset() {
        return (size % CHUNK_ROWS) * Features.COUNT;
    }

    void label(long sent, boolean open, boolean click) {
        int i = size % CHUNK_ROWS;
        opened.getLast()[i] = open;
        clicked.getLast()[i] = click;
        sentAt.getLast()[i] = sent;
        opens += open ? 1 : 0;
        size++;
    }

    int size() {
        return size;
    }

    long opens() {
        return opens;
    }

    float[] chunk(int row) {
        return chunks.get(row / CHUNK_ROWS);
    }

    int offset(int row) {
        return (row % CHUNK_ROWS) * Features.COUNT;
    }

    boolean opened(int row) {
        return opened.get(row / CHUNK_ROWS)[row % CHUNK_ROWS];
    }

    boolean clicked(int row) {
        return clicked.get(row / CHUNK_ROWS)[row % CHUNK_ROWS];
    }

    long sentAt(int row) {
        return sentAt.get(row / CHUNK_ROWS)[row % CHUNK_ROWS];
    }

    boolean[] labels(boolean open) {
        boolean[] labels = new boolean[size];
        for (int i = 0; i < size; i++) {
            labels[i] = open ? opened(i) : clicked(i);
        }
        return labels;
    }

    /** Every row in one array (for XGBoost), which the caller drops as soon as it has been copied. */
    float[] dense() {
        float[] all = new float[Math.multiplyExact(size, Features.COUNT)];
        for (int c = 0; c < chunks.size(); c++) {
            int rows = Math.min(CHUNK_ROWS, size - c * CHUNK_ROWS);
            System.arraycopy(chunks.get(c), 0, all, c * CHUNK_ROWS * Features.COUNT, rows * Features.COUNT);
        }
        return all;
    }

    float[] labelVector(boolean open) {
        float[] labels = new float[size];
        for (int i = 0; i < size; i++) {
            labels[i] = (open ? opened(i) : clicked(i)) ? 1 : 0;
        }
        return labels;
    }

    /** The mean and standard deviation of each feature (sd 1 where constant). */
    double[][] moments() {
        double[] mean = new double[Features.COUNT];
        double[] square = new double[Features.COUNT];
        for (int i = 0; i < size; i++) {
            float[] chunk = chunk(i);
            int offset = offset(i);
            for (int j = 0; j < Features.COUNT; j++) {
                double x = chunk[offset + j];
                mean[j] += x;
                square[j] += x * x;
            }
        }
        double[] sd = new double[Features.COUNT];
        for (int j = 0; j < Features.COUNT; j++) {
            mean[j] /= Math.max(1, size);
            double variance = square[j] / Math.max(1, size) - mean[j] * mean[j];
            sd[j] = variance > 1e-12 ? Math.sqrt(variance) : 1;
        }
        return new double[][] {mean, sd};
    }

    /** Drops the rows (the labels stay), once a booster has its own copy. */
    void dropRows() {
        chunks.clear();
    }
}
