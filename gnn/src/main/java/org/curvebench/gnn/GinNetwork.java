package org.curvebench.gnn;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import org.curvebench.core.CellGraph;

/**
 * A graph isomorphism network over cell graphs, as plain Java: what queries run, with weights copied from the
 * ND4J network that trained them. Each node starts as its label's embedding; each layer sends along every edge,
 * both ways, the message {@code relu(h_j + emb(edge type))} (an edge's type is its label and direction), sums them
 * at the receiving node, and maps {@code (1 + eps) h_i + sum} through {@code relu(W2 relu(BN(W1 x + b1)) + b2)}.
 * The graph's embedding is the mean of its nodes; with the graph-level inputs beside it, a hidden layer and a
 * linear head give the outputs, to which a linear term of the graph-level inputs is added (the skip: a trainer
 * may fit it first and the network the rest). Immutable and thread-safe.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class GinNetwork {

    static final double BN_EPSILON = 1e-5;

    private final double[][] nodeEmbedding;
    private final GinLayer[] layers;
    private final double[][] headWeights;
    private final double[] headBias;
    private final double[][] outWeights;
    private final double[] outBias;
    /** {@code [graph input][output]}: the outputs' linear term in the graph-level inputs. */
    private final double[][] inputWeights;
    /** Per layer, batch normalisation as {@code x * scale + shift}, from its statistics, gamma and beta. */
    private final transient double[][] scales;
    private final transient double[][] shifts;
    /** The query-time form of the weights (see {@link Compiled}). */
    private final transient Compiled compiled;

    GinNetwork(double[][] nodeEmbedding, GinLayer[] layers, double[][] headWeights, double[] headBias,
               double[][] outWeights, double[] outBias) {
        this(nodeEmbedding, layers, headWeights, headBias, outWeights, outBias, null);
    }

    /** @param inputWeights the skip, {@code [graph input][output]}; null for none (files written before it) */
    @JsonCreator
    GinNetwork(@JsonProperty("nodeEmbedding") double[][] nodeEmbedding, @JsonProperty("layers") GinLayer[] layers,
               @JsonProperty("headWeights") double[][] headWeights, @JsonProperty("headBias") double[] headBias,
               @JsonProperty("outWeights") double[][] outWeights, @JsonProperty("outBias") double[] outBias,
               @JsonProperty("inputWeights") double[][] inputWeights) {
        int d = nodeEmbedding[0].length;
        for (GinLayer l : layers) {
            if (l.w1().length != d || l.w2().length != d || l.edgeEmbedding()[0].length != d) {
                throw new IllegalArgumentException("GIN layer weights do not match the hidden size " + d);
            }
        }
        if (headWeights.length < d || headWeights[0].length != outWeights.length || outWeights[0].length != outBias.length) {
            throw new IllegalArgumentException("GIN head weights do not fit together");
        }
        int graphInputs = headWeights.length - d;
        if (inputWeights == null) {
            inputWeights = new double[graphInputs][outBias.length];
        }
        if (inputWeights.length != graphInputs
                || java.util.Arrays.stream(inputWeights).anyMatch(row -> row.length != outBias.length)) {
            throw new IllegalArgumentException("the GIN's skip weights do not match its " + graphInputs
                    + " graph-level inputs and " + outBias.length + " outputs");
        }
        this.inputWeights = inputWeights;
        this.nodeEmbedding = nodeEmbedding;
        this.layers = layers;
        this.headWeights = headWeights;
        this.headBias = headBias;
        this.outWeights = outWeights;
        this.outBias = outBias;
        this.scales = new double[layers.length][];
        this.shifts = new double[layers.length][];
        for (int i = 0; i < layers.length; i++) {
            scales[i] = scale(layers[i]);
            shifts[i] = shift(layers[i], scales[i]);
        }
        this.compiled = new Compiled(this);
    }

    private static double[] scale(GinLayer l) {
        double[] s = new double[l.gamma().length];
        for (int c = 0; c < s.length; c++) {
            s[c] = l.gamma()[c] / Math.sqrt(l.variance()[c] + BN_EPSILON);
        }
        return s;
    }

    private static double[] shift(GinLayer l, double[] scale) {
        double[] s = new double[scale.length];
        for (int c = 0; c < s.length; c++) {
            s[c] = l.beta()[c] - l.mean()[c] * scale[c];
        }
        return s;
    }

    public int hidden() {
        return nodeEmbedding[0].length;
    }

    public int layerCount() {
        return layers.length;
    }

    public int nodeLabels() {
        return nodeEmbedding.length;
    }

    /** Edge types: each edge label (or one, for unlabelled edges) in each direction. */
    public int edgeTypes() {
        return layers.length == 0 ? 2 : layers[0].edgeEmbedding().length;
    }

    /** Length of the graph-level inputs (observed epochs) beside the embedding. */
    public int graphInputs() {
        return headWeights.length - hidden();
    }

    public int outputs() {
        return outBias.length;
    }

    GinLayer layer(int i) {
        return layers[i];
    }

    double[][] nodeEmbeddingWeights() {
        return nodeEmbedding;
    }

    double[][] headWeights() {
        return headWeights;
    }

    double[] headBias() {
        return headBias;
    }

    double[][] outWeights() {
        return outWeights;
    }

    double[] outBias() {
        return outBias;
    }

    double[][] inputWeights() {
        return inputWeights;
    }

    /**
     * This network with the skip {@code weights} ({@code [graph input][output]}) added to its own: what a trainer
     * does after fitting the network to the residuals of that linear term.
     */
    GinNetwork withSkip(double[][] weights) {
        double[][] w = new double[inputWeights.length][];
        for (int i = 0; i < w.length; i++) {
            w[i] = inputWeights[i].clone();
            for (int o = 0; o < w[i].length; o++) {
                w[i][o] += weights[i][o];
            }
        }
        return new GinNetwork(nodeEmbedding, layers, headWeights, headBias, outWeights, outBias, w);
    }

    /** The type of edge {@code e} of {@code g} sent forwards ({@code backwards = false}) or backwards. */
    static int edgeType(CellGraph g, int e, int types, boolean backwards) {
        int label = g.edgeLabel(e) == CellGraph.NO_LABEL ? 0 : g.edgeLabel(e);
        return backwards ? label + types / 2 : label;
    }

    /** The graph's embedding: the mean of its node states after the last layer. */
    public double[] embed(CellGraph g) {
        return compiled.embed(g);
    }

    /** Writes the outputs for graph {@code g} with graph-level inputs {@code graphInputs} into {@code out}. */
    public void predict(CellGraph g, double[] graphInputs, double[] out) {
        compiled.head(compiled.embed(g), graphInputs, out);
    }

    /** Node states after every layer (n x hidden, row-major). */
    double[] nodeStates(CellGraph g) {
        double[] h = initialStates(g);
        for (int i = 0; i < layers.length; i++) {
            h = normalised(layers[i], scales[i], shifts[i], preNormalisation(layers[i], g, h));
        }
        return h;
    }

    double[] initialStates(CellGraph g) {
        int d = hidden();
        int n = g.nodeCount();
        double[] h = new double[n * d];
        for (int v = 0; v < n; v++) {
            System.arraycopy(nodeEmbedding[g.nodeLabel(v)], 0, h, v * d, d);
        }
        return h;
    }

    /** {@code W1 ((1 + eps) h_i + sum of messages) + b1} for every node: the values batch normalisation sees. */
    static double[] preNormalisation(GinLayer l, CellGraph g, double[] h) {
        int d = l.b1().length;
        int n = g.nodeCount();
        int types = l.edgeEmbedding().length;
        double[] z = new double[n * d];
        double scale = 1 + l.eps();
        for (int i = 0; i < n * d; i++) {
            z[i] = scale * h[i];
        }
        for (int e = 0; e < g.edgeCount(); e++) {
            int u = g.edgeFrom(e);
            int v = g.edgeTo(e);
            addMessage(z, v, h, u, l.edgeEmbedding()[edgeType(g, e, types, false)], d);
            addMessage(z, u, h, v, l.edgeEmbedding()[edgeType(g, e, types, true)], d);
        }
        double[] a = new double[n * d];
        double[][] w1 = l.w1();
        for (int v = 0; v < n; v++) {
            System.arraycopy(l.b1(), 0, a, v * d, d);
            for (int i = 0; i < d; i++) {
                double x = z[v * d + i];
                double[] w = w1[i];
                for (int j = 0; j < d; j++) {
                    a[v * d + j] += x * w[j];
                }
            }
        }
        return a;
    }

    private static void addMessage(double[] z, int to, double[] h, int from, double[] edge, int d) {
        for (int c = 0; c < d; c++) {
            z[to * d + c] += Math.max(0, h[from * d + c] + edge[c]);
        }
    }

    /** {@code relu(W2 relu(BN(a)) + b2)} for every node, normalising as {@code a * scale + shift}. */
    static double[] normalised(GinLayer l, double[] scale, double[] shift, double[] a) {
        int d = l.b1().length;
        int n = a.length / d;
        double[] x = new double[d];
        double[] out = new double[n * d];
        double[][] w2 = l.w2();
        for (int v = 0; v < n; v++) {
            for (int c = 0; c < d; c++) {
                x[c] = Math.max(0, a[v * d + c] * scale[c] + shift[c]);
            }
            System.arraycopy(l.b2(), 0, out, v * d, d);
            for (int i = 0; i < d; i++) {
                double xi = x[i];
                if (xi == 0) {
                    continue;
                }
                double[] w = w2[i];
                for (int j = 0; j < d; j++) {
                    out[v * d + j] += xi * w[j];
                }
            }
            for (int j = 0; j < d; j++) {
                out[v * d + j] = Math.max(0, out[v * d + j]);
            }
        }
        return out;
    }

    /** This network with its outputs mapped from {@code o} to {@code o * scale + mean} (folded into the head). */
    GinNetwork withOutputs(double[] mean, double scale) {
        double[][] w = new double[outWeights.length][];
        for (int j = 0; j < w.length; j++) {
            w[j] = outWeights[j].clone();
            for (int o = 0; o < w[j].length; o++) {
                w[j][o] *= scale;
            }
        }
        double[] b = new double[outBias.length];
        for (int o = 0; o < b.length; o++) {
            b[o] = outBias[o] * scale + mean[o];
        }
        double[][] skip = new double[inputWeights.length][];
        for (int i = 0; i < skip.length; i++) {
            skip[i] = inputWeights[i].clone();
            for (int o = 0; o < skip[i].length; o++) {
                skip[i][o] *= scale;
            }
        }
        return new GinNetwork(nodeEmbedding, layers, headWeights, headBias, w, b, skip);
    }

    /**
     * This network with each layer's normalisation statistics set to the mean and (biased) variance of its inputs
     * over every node of {@code graphs}, layer by layer, as a trained network is queried.
     */
    GinNetwork withPopulationStatistics(List<CellGraph> graphs) {
        int d = hidden();
        List<double[]> states = new ArrayList<>(graphs.size());
        for (CellGraph g : graphs) {
            states.add(initialStates(g));
        }
        GinLayer[] fitted = new GinLayer[layers.length];
        for (int li = 0; li < layers.length; li++) {
            List<double[]> pre = new ArrayList<>(graphs.size());
            double[] sum = new double[d];
            long nodes = 0;
            for (int gi = 0; gi < graphs.size(); gi++) {
                double[] a = preNormalisation(layers[li], graphs.get(gi), states.get(gi));
                pre.add(a);
                for (int i = 0; i < a.length; i++) {
                    sum[i % d] += a[i];
                }
                nodes += graphs.get(gi).nodeCount();
            }
            double[] mean = new double[d];
            for (int c = 0; c < d; c++) {
                mean[c] = sum[c] / nodes;
            }
            double[] var = new double[d];
            for (double[] a : pre) {
                for (int i = 0; i < a.length; i++) {
                    double r = a[i] - mean[i % d];
                    var[i % d] += r * r;
                }
            }
            for (int c = 0; c < d; c++) {
                var[c] /= nodes;
            }
            fitted[li] = layers[li].withStatistics(mean, var);
            double[] sc = scale(fitted[li]);
            double[] sh = shift(fitted[li], sc);
            for (int gi = 0; gi < graphs.size(); gi++) {
                states.set(gi, normalised(fitted[li], sc, sh, pre.get(gi)));
            }
        }
        return new GinNetwork(nodeEmbedding, fitted, headWeights, headBias, outWeights, outBias, inputWeights);
    }

    /**
     * The weights rearranged for queries, computing what {@link #nodeStates} and the head compute: batch
     * normalisation folded into {@code W1} and {@code b1}; matrices flattened row-major; and the first layer's
     * products tabulated, since its node states are label embeddings: {@code W1 emb(label)} and
     * {@code W1 relu(emb(label) + emb(edge type))} per label and type, so that layer needs no product at query time.
     */
    private static final class Compiled {
        private final int d;
        private final int types;
        private final double[][] nodeEmbedding;
        private final double[] onePlusEps;
        private final double[][] edges;
        private final double[][] w1;
        private final double[][] b1;
        private final double[][] w2;
        private final double[][] b2;
        /** First layer: {@code (1 + eps) W1' emb(label)} per label, and {@code W1' relu(emb(label) + edge)} per type, label. */
        private final double[][] firstSelf;
        private final double[][][] firstMessage;
        private final double[] headWeights;
        private final double[] headBias;
        private final double[] outWeights;
        private final double[] outBias;
        private final double[] inputWeights;

        Compiled(GinNetwork net) {
            d = net.hidden();
            int layerCount = net.layers.length;
            types = net.edgeTypes();
            nodeEmbedding = net.nodeEmbedding;
            onePlusEps = new double[layerCount];
            edges = new double[layerCount][];
            w1 = new double[layerCount][];
            b1 = new double[layerCount][];
            w2 = new double[layerCount][];
            b2 = new double[layerCount][];
            for (int l = 0; l < layerCount; l++) {
                GinLayer layer = net.layers[l];
                onePlusEps[l] = 1 + layer.eps();
                edges[l] = flat(layer.edgeEmbedding());
                w1[l] = new double[d * d];
                b1[l] = new double[d];
                w2[l] = new double[d * d];
                for (int j = 0; j < d; j++) {
                    b1[l][j] = layer.b1()[j] * net.scales[l][j] + net.shifts[l][j];
                    for (int i = 0; i < d; i++) {
                        w1[l][j * d + i] = layer.w1()[i][j] * net.scales[l][j];
                        w2[l][j * d + i] = layer.w2()[i][j];
                    }
                }
                b2[l] = layer.b2();
            }
            int labels = nodeEmbedding.length;
            firstSelf = new double[labels][];
            firstMessage = new double[types][labels][];
            if (layerCount > 0) {
                for (int label = 0; label < labels; label++) {
                    double[] e = nodeEmbedding[label];
                    double[] self = times(w1[0], e);
                    for (int j = 0; j < d; j++) {
                        self[j] *= onePlusEps[0];
                    }
                    firstSelf[label] = self;
                    for (int t = 0; t < types; t++) {
                        double[] m = new double[d];
                        for (int c = 0; c < d; c++) {
                            m[c] = Math.max(0, e[c] + edges[0][t * d + c]);
                        }
                        firstMessage[t][label] = times(w1[0], m);
                    }
                }
            }
            headWeights = flat(net.headWeights);
            headBias = net.headBias;
            outWeights = flat(net.outWeights);
            outBias = net.outBias;
            inputWeights = flat(net.inputWeights);
        }

        private static double[] flat(double[][] m) {
            int cols = m.length == 0 ? 0 : m[0].length;
            double[] f = new double[m.length * cols];
            for (int i = 0; i < m.length; i++) {
                System.arraycopy(m[i], 0, f, i * cols, cols);
            }
            return f;
        }

        /** {@code x W} for a row vector {@code x} and a d x d matrix stored transposed. */
        private double[] times(double[] wt, double[] x) {
            double[] y = new double[d];
            affine(x, wt, new double[d], y, 1);
            return y;
        }

        double[] embed(CellGraph g) {
            int n = g.nodeCount();
            int layerCount = w1.length;
            double[] h = new double[n * d];
            if (layerCount == 0) {
                for (int v = 0; v < n; v++) {
                    System.arraycopy(nodeEmbedding[g.nodeLabel(v)], 0, h, v * d, d);
                }
                return pool(h, n);
            }
            double[] a = new double[n * d];
            double[] z = new double[n * d];
            firstLayer(g, a);
            output(0, a, h, n);
            for (int l = 1; l < layerCount; l++) {
                double f = onePlusEps[l];
                for (int i = 0; i < n * d; i++) {
                    z[i] = f * h[i];
                }
                double[] edge = edges[l];
                for (int e = 0; e < g.edgeCount(); e++) {
                    int u = g.edgeFrom(e);
                    int v = g.edgeTo(e);
                    message(z, v * d, h, u * d, edge, edgeType(g, e, types, false) * d);
                    message(z, u * d, h, v * d, edge, edgeType(g, e, types, true) * d);
                }
                affine(z, w1[l], b1[l], a, n);
                output(l, a, h, n);
            }
            return pool(h, n);
        }

        /** The first layer's normalised pre-activations, from the tabulated products. */
        private void firstLayer(CellGraph g, double[] a) {
            int n = g.nodeCount();
            double[] bias = b1[0];
            for (int v = 0; v < n; v++) {
                double[] self = firstSelf[g.nodeLabel(v)];
                for (int j = 0; j < d; j++) {
                    a[v * d + j] = bias[j] + self[j];
                }
            }
            for (int e = 0; e < g.edgeCount(); e++) {
                int u = g.edgeFrom(e);
                int v = g.edgeTo(e);
                add(a, v * d, firstMessage[edgeType(g, e, types, false)][g.nodeLabel(u)]);
                add(a, u * d, firstMessage[edgeType(g, e, types, true)][g.nodeLabel(v)]);
            }
        }

        private void add(double[] a, int offset, double[] m) {
            for (int j = 0; j < d; j++) {
                a[offset + j] += m[j];
            }
        }

        private void message(double[] z, int to, double[] h, int from, double[] edge, int type) {
            for (int c = 0; c < d; c++) {
                z[to + c] += Math.max(0, h[from + c] + edge[type + c]);
            }
        }

        /** {@code h = relu(W2 relu(a) + b2)} for every node of layer {@code l}. */
        private void output(int l, double[] a, double[] h, int n) {
            for (int i = 0; i < n * d; i++) {
                a[i] = Math.max(0, a[i]);
            }
            affine(a, w2[l], b2[l], h, n);
            for (int i = 0; i < n * d; i++) {
                h[i] = Math.max(0, h[i]);
            }
        }

        /**
         * {@code y = x W + b} for each of the {@code n} rows of {@code x}, with {@code W} stored transposed
         * ({@code wt[j * d + i]} is {@code W[i][j]}); four rows at a time, so each weight read serves four
         * independent sums.
         */
        private void affine(double[] x, double[] wt, double[] bias, double[] y, int n) {
            int v = 0;
            for (; v + 4 <= n; v += 4) {
                int r0 = v * d;
                int r1 = r0 + d;
                int r2 = r1 + d;
                int r3 = r2 + d;
                int j = 0;
                for (; j + 2 <= d; j += 2) {
                    double s0 = bias[j];
                    double s1 = s0;
                    double s2 = s0;
                    double s3 = s0;
                    double t0 = bias[j + 1];
                    double t1 = t0;
                    double t2 = t0;
                    double t3 = t0;
                    int wr = j * d;
                    int ws = wr + d;
                    for (int i = 0; i < d; i++) {
                        double w = wt[wr + i];
                        double u = wt[ws + i];
                        double x0 = x[r0 + i];
                        double x1 = x[r1 + i];
                        double x2 = x[r2 + i];
                        double x3 = x[r3 + i];
                        s0 += x0 * w;
                        s1 += x1 * w;
                        s2 += x2 * w;
                        s3 += x3 * w;
                        t0 += x0 * u;
                        t1 += x1 * u;
                        t2 += x2 * u;
                        t3 += x3 * u;
                    }
                    y[r0 + j] = s0;
                    y[r1 + j] = s1;
                    y[r2 + j] = s2;
                    y[r3 + j] = s3;
                    y[r0 + j + 1] = t0;
                    y[r1 + j + 1] = t1;
                    y[r2 + j + 1] = t2;
                    y[r3 + j + 1] = t3;
                }
                for (; j < d; j++) {
                    double s0 = bias[j];
                    double s1 = s0;
                    double s2 = s0;
                    double s3 = s0;
                    int wr = j * d;
                    for (int i = 0; i < d; i++) {
                        double w = wt[wr + i];
                        s0 += x[r0 + i] * w;
                        s1 += x[r1 + i] * w;
                        s2 += x[r2 + i] * w;
                        s3 += x[r3 + i] * w;
                    }
                    y[r0 + j] = s0;
                    y[r1 + j] = s1;
                    y[r2 + j] = s2;
                    y[r3 + j] = s3;
                }
            }
            for (; v < n; v++) {
                int r = v * d;
                for (int j = 0; j < d; j++) {
                    int wr = j * d;
                    double s0 = bias[j];
                    double s1 = 0;
                    int i = 0;
                    for (; i + 2 <= d; i += 2) {
                        s0 += x[r + i] * wt[wr + i];
                        s1 += x[r + i + 1] * wt[wr + i + 1];
                    }
                    if (i < d) {
                        s0 += x[r + i] * wt[wr + i];
                    }
                    y[r + j] = s0 + s1;
                }
            }
        }

        private double[] pool(double[] h, int n) {
            double[] pooled = new double[d];
            for (int v = 0; v < n; v++) {
                for (int c = 0; c < d; c++) {
                    pooled[c] += h[v * d + c];
                }
            }
            for (int c = 0; c < d; c++) {
                pooled[c] /= n;
            }
            return pooled;
        }

        void head(double[] pooled, double[] graphInputs, double[] out) {
            int hh = headBias.length;
            int inputs = headWeights.length / hh;
            double[] t = headBias.clone();
            for (int i = 0; i < inputs; i++) {
                double x = i < d ? pooled[i] : graphInputs[i - d];
                if (x != 0) {
                    int wr = i * hh;
                    for (int j = 0; j < hh; j++) {
                        t[j] += x * headWeights[wr + j];
                    }
                }
            }
            int k = outBias.length;
            System.arraycopy(outBias, 0, out, 0, k);
            for (int j = 0; j < hh; j++) {
                double x = t[j];
                if (x > 0) {
                    int wr = j * k;
                    for (int o = 0; o < k; o++) {
                        out[o] += x * outWeights[wr + o];
                    }
                }
            }
            for (int i = 0; i < inputs - d; i++) {
                double x = graphInputs[i];
                int wr = i * k;
                for (int o = 0; o < k; o++) {
                    out[o] += x * inputWeights[wr + o];
                }
            }
        }
    }
}
