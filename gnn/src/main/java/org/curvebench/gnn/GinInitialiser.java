package org.curvebench.gnn;

import java.util.SplittableRandom;

/** Random starting weights of a GIN (Glorot-uniform matrices, small embeddings, unit batch-norm scales), by seed. */
final class GinInitialiser {

    private GinInitialiser() {
    }

    static GinNetwork network(int nodeLabels, int edgeTypes, int graphInputs, int outputs, GinSettings s, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int d = s.hidden();
        GinLayer[] layers = new GinLayer[s.layers()];
        for (int i = 0; i < layers.length; i++) {
            double[] ones = new double[d];
            java.util.Arrays.fill(ones, 1);
            layers[i] = new GinLayer(uniform(random, edgeTypes, d, 0.1), 0, glorot(random, d, d), new double[d], ones,
                    new double[d], new double[d], ones.clone(), glorot(random, d, d), new double[d]);
        }
        return new GinNetwork(uniform(random, nodeLabels, d, 1), layers, glorot(random, d + graphInputs, d),
                new double[d], glorot(random, d, outputs), new double[outputs]);
    }

    private static double[][] glorot(SplittableRandom random, int in, int out) {
        return uniform(random, in, out, Math.sqrt(6.0 / (in + out)));
    }

    private static double[][] uniform(SplittableRandom random, int rows, int cols, double limit) {
        double[][] w = new double[rows][cols];
        for (double[] row : w) {
            for (int j = 0; j < cols; j++) {
                row[j] = random.nextDouble(-limit, limit);
            }
        }
        return w;
    }
}
