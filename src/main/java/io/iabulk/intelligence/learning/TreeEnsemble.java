package io.iabulk.intelligence.learning;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gradient-boosted trees read from XGBoost's JSON model into flat arrays and evaluated in Java,
 * the way XGBoost does: at a split, a value below the threshold (compared as a float) goes left, a
 * missing one (NaN) the default way; the margin is the base margin plus the leaves reached.
 */
final class TreeEnsemble implements Margin {

    static final byte KIND = 1;

    private final double base;
    private final int[] roots;
    /** Per node: the feature it splits on, or -1 for a leaf. */
    private final int[] feature;

    private final float[] threshold;
    private final int[] left;
    private final int[] right;
    private final boolean[] defaultLeft;
    /** Per node: the leaf's value (0 for a split). */
    private final float[] value;

    private TreeEnsemble(
            double base,
            int[] roots,
            int[] feature,
            float[] threshold,
            int[] left,
            int[] right,
            boolean[] defaultLeft,
            float[] value) {
        this.base = base;
        this.roots = roots;
        this.feature = feature;
        this.threshold = threshold;
        this.left = left;
        this.right = right;
        this.defaultLeft = defaultLeft;
        this.value = value;
    }

    /** The first {@code trees} trees of a model saved by {@code Booster.toByteArray("json")}. */
    static TreeEnsemble fromXgboostJson(byte[] json, int trees) {
        JsonNode learner = JsonMapper.builder().build().readTree(json).get("learner");
        JsonNode all = learner.get("gradient_booster").get("model").get("trees");
        int count = Math.min(trees, all.size());
        int nodes = 0;
        for (int k = 0; k < count; k++) {
            nodes += all.get(k).get("left_children").size();
        }
        int[] roots = new int[count];
        int[] feature = new int[nodes];
        float[] threshold = new float[nodes];
        int[] left = new int[nodes];
        int[] right = new int[nodes];
        boolean[] defaultLeft = new boolean[nodes];
        float[] value = new float[nodes];
        int at = 0;
        for (int k = 0; k < count; k++) {
            JsonNode tree = all.get(k);
            JsonNode l = tree.get("left_children");
            JsonNode r = tree.get("right_children");
            JsonNode f = tree.get("split_indices");
            JsonNode c = tree.get("split_conditions");
            JsonNode d = tree.get("default_left");
            roots[k] = at;
            int n = l.size();
            for (int i = 0; i < n; i++) {
                int node = at + i;
                int leftChild = l.get(i).asInt();
                if (leftChild < 0) {
                    feature[node] = -1;
                    value[node] = c.get(i).floatValue();
                } else {
                    feature[node] = f.get(i).asInt();
                    threshold[node] = c.get(i).floatValue();
                    left[node] = at + leftChild;
                    right[node] = at + r.get(i).asInt();
                    JsonNode flag = d.get(i);
                    defaultLeft[node] = flag.isBoolean() ? flag.asBoolean() : flag.asInt() != 0;
                }
            }
            at += n;
        }
        return new TreeEnsemble(Margin.baseMargin(learner), roots, feature, threshold, left, right, defaultLeft, value);
    }

    int trees() {
        return roots.length;
    }

    @Override
    public double margin(float[] row, int offset) {
        double sum = base;
        for (int root : roots) {
            int node = root;
            int f;
            while ((f = feature[node]) >= 0) {
                float x = row[offset + f];
                node = x < threshold[node] ? left[node] : (x >= threshold[node] ? right[node] : missing(node));
            }
            sum += value[node];
        }
        return sum;
    }

    /**
     * The trees with every split on a contact-level feature (index {@code >= timeFeatures}) decided
     * for this row: what remains splits on the send-time features only, and the trees that reduce
     * to a leaf are summed into a constant. A week of send times then walks a few nodes per tree.
     */
    @Override
    public Residual specialise(float[] row, int offset, int timeFeatures) {
        return specialise(row, offset, timeFeatures, null);
    }

    @Override
    public Residual specialise(float[] row, int offset, int timeFeatures, Specialised previous) {
        Residual residual;
        if (previous instanceof Residual reused && reused.roots.length == roots.length) {
            residual = reused;
            residual.trees = 0;
            residual.size = 0;
        } else {
            residual = new Residual(roots.length);
        }
        residual.constant = base;
        for (int root : roots) {
            int node = resolve(root, row, offset, timeFeatures);
            if (feature[node] < 0) {
                residual.constant += value[node];
            } else {
                residual.roots[residual.trees++] = copy(node, row, offset, timeFeatures, residual);
            }
        }
        return residual;
    }

    private int resolve(int node, float[] row, int offset, int timeFeatures) {
        int f;
        while ((f = feature[node]) >= timeFeatures) {
            float x = row[offset + f];
            node = x < threshold[node] ? left[node] : (x >= threshold[node] ? right[node] : missing(node));
        }
        return node;
    }

    private int copy(int node, float[] row, int offset, int timeFeatures, Residual into) {
        int at = into.add();
        if (feature[node] < 0) {
            into.feature[at] = -1;
            into.value[at] = value[node];
            return at;
        }
        into.feature[at] = feature[node];
        into.threshold[at] = threshold[node];
        into.defaultLeft[at] = defaultLeft[node];
        // children first: copying them may grow (replace) the arrays
        int leftCopy = copy(resolve(left[node], row, offset, timeFeatures), row, offset, timeFeatures, into);
        int rightCopy = copy(resolve(right[node], row, offset, timeFeatures), row, offset, timeFeatures, into);
        into.left[at] = leftCopy;
        into.right[at] = rightCopy;
        return at;
    }

    /** Trees left after {@link #specialise}: splits on send-time features only, plus a constant. */
    static final class Residual implements Margin.Specialised {
        double constant;
        int trees;
        int size;
        final int[] roots;
        int[] feature = new int[64];
        float[] threshold = new float[64];
        int[] left = new int[64];
        int[] right = new int[64];
        boolean[] defaultLeft = new boolean[64];
        float[] value = new float[64];

        Residual(int trees) {
            roots = new int[trees];
        }

        int add() {
            if (size == feature.length) {
                int n = size * 2;
                feature = java.util.Arrays.copyOf(feature, n);
                threshold = java.util.Arrays.copyOf(threshold, n);
                left = java.util.Arrays.copyOf(left, n);
                right = java.util.Arrays.copyOf(right, n);
                defaultLeft = java.util.Arrays.copyOf(defaultLeft, n);
                value = java.util.Arrays.copyOf(value, n);
            }
            return size++;
        }

        @Override
        public double margin(float[] row, int offset) {
            double sum = constant;
            for (int k = 0; k < trees; k++) {
                int node = roots[k];
                int f;
                while ((f = feature[node]) >= 0) {
                    float x = row[offset + f];
                    node = x < threshold[node]
                            ? left[node]
                            : (x >= threshold[node] ? right[node] : (defaultLeft[node] ? left[node] : right[node]));
                }
                sum += value[node];
            }
            return sum;
        }
    }

    private int missing(int node) {
        return defaultLeft[node] ? left[node] : right[node];
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
        out.writeByte(KIND);
        out.writeDouble(base);
        out.writeInt(roots.length);
        for (int root : roots) {
            out.writeInt(root);
        }
        out.writeInt(feature.length);
        for (int i = 0; i < feature.length; i++) {
            out.writeInt(feature[i]);
            out.writeFloat(threshold[i]);
            out.writeInt(left[i]);
            out.writeInt(right[i]);
            out.writeBoolean(defaultLeft[i]);
            out.writeFloat(value[i]);
        }
    }

    static TreeEnsemble read(DataInputStream in) throws IOException {
        double base = in.readDouble();
        int trees = in.readInt();
        int[] roots = new int[checked(trees)];
        for (int k = 0; k < trees; k++) {
            roots[k] = in.readInt();
        }
        int nodes = checked(in.readInt());
        int[] feature = new int[nodes];
        float[] threshold = new float[nodes];
        int[] left = new int[nodes];
        int[] right = new int[nodes];
        boolean[] defaultLeft = new boolean[nodes];
        float[] value = new float[nodes];
        for (int i = 0; i < nodes; i++) {
            feature[i] = in.readInt();
            threshold[i] = in.readFloat();
            left[i] = in.readInt();
            right[i] = in.readInt();
            defaultLeft[i] = in.readBoolean();
            value[i] = in.readFloat();
        }
        for (int root : roots) {
            check(root, nodes);
        }
        for (int i = 0; i < nodes; i++) {
            if (feature[i] >= Features.COUNT) {
                throw new IOException("a split on feature " + feature[i]);
            }
            if (feature[i] >= 0) {
                // children come after their parent: every walk ends at a leaf
                check(left[i], nodes);
                check(right[i], nodes);
                if (left[i] <= i || right[i] <= i) {
                    throw new IOException("a child before its parent");
                }
            }
        }
        return new TreeEnsemble(base, roots, feature, threshold, left, right, defaultLeft, value);
    }

    private static int checked(int n) throws IOException {
        if (n < 0 || n > 50_000_000) {
            throw new IOException("a count of " + n);
        }
        return n;
    }

    private static void check(int node, int nodes) throws IOException {
        if (node < 0 || node >= nodes) {
            throw new IOException("a node " + node + " of " + nodes);
        }
    }
}
