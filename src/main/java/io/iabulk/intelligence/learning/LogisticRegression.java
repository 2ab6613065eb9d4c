package io.iabulk.intelligence.learning;

/**
 * L2-regularised logistic regression on standardised rows, fitted by Newton's method (iteratively
 * reweighted least squares): a few passes over the rows, each accumulating the gradient and the
 * Hessian (features × features), then one small Cholesky solve. Chosen over XGBoost's {@code
 * gblinear}, which is deprecated and measured 50 times slower to converge on the same rows.
 */
final class LogisticRegression {

    static final double L2 = 1.0;
    static final int MAX_ITERATIONS = 25;

    private LogisticRegression() {}

    /** Weights of the {@code width} standardised features, then the bias last. */
    static double[] fit(float[] rows, int width, boolean[] labels) {
        int n = labels.length;
        int m = width + 1;
        double[] beta = new double[m];
        double[] x = new double[m];
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] gradient = new double[m];
            double[] hessian = new double[m * m];
            for (int i = 0; i < n; i++) {
                int offset = i * width;
                for (int j = 0; j < width; j++) {
                    x[j] = rows[offset + j];
                }
                x[width] = 1;
                double z = 0;
                for (int j = 0; j < m; j++) {
                    z += beta[j] * x[j];
                }
                double p = 1 / (1 + Math.exp(-z));
                double residual = p - (labels[i] ? 1 : 0);
                double w = Math.max(p * (1 - p), 1e-12);
                for (int j = 0; j < m; j++) {
                    gradient[j] += residual * x[j];
                    double wx = w * x[j];
                    for (int k = 0; k <= j; k++) {
                        hessian[j * m + k] += wx * x[k];
                    }
                }
            }
            for (int j = 0; j < width; j++) {
                gradient[j] += L2 * beta[j];
                hessian[j * m + j] += L2;
            }
            hessian[width * m + width] += 1e-9;
            double[] step = solve(hessian, gradient, m);
            double largest = 0;
            for (int j = 0; j < m; j++) {
                beta[j] -= step[j];
                largest = Math.max(largest, Math.abs(step[j]));
            }
            if (largest < 1e-6) {
                break;
            }
        }
        return beta;
    }

    /** Solves H s = g for a symmetric positive definite H given by its lower triangle (Cholesky). */
    private static double[] solve(double[] h, double[] g, int m) {
        double[] l = new double[m * m];
        for (int j = 0; j < m; j++) {
            double diagonal = h[j * m + j];
            for (int k = 0; k < j; k++) {
                diagonal -= l[j * m + k] * l[j * m + k];
            }
            l[j * m + j] = Math.sqrt(Math.max(diagonal, 1e-12));
            for (int i = j + 1; i < m; i++) {
                double v = h[i * m + j];
                for (int k = 0; k < j; k++) {
                    v -= l[i * m + k] * l[j * m + k];
                }
                l[i * m + j] = v / l[j * m + j];
            }
        }
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            double v = g[i];
            for (int k = 0; k < i; k++) {
                v -= l[i * m + k] * y[k];
            }
            y[i] = v / l[i * m + i];
        }
        double[] s = new double[m];
        for (int i = m - 1; i >= 0; i--) {
            double v = y[i];
            for (int k = i + 1; k < m; k++) {
                v -= l[k * m + i] * s[k];
            }
            s[i] = v / l[i * m + i];
        }
        return s;
    }
}
