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
 * linear head give the outputs. Immutable and thread-safe.
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
    /** Per layer, batch normalisation as {@code x * scale + shift}, from its statistics, gamma and beta. */
    private final transient double[][] scales;
    private final transient double[][] shifts;

    @JsonCreator
    GinNetwork(@JsonProperty("nodeEmbedding") double[][] nodeEmbedding, @JsonProperty("layers") GinLayer[] layers,
               @JsonProperty("headWeights") double[][] headWeights, @JsonProperty("headBias") double[] headBias,
               @JsonProperty("outWeights") double[][] outWeights, @JsonProperty("outBias") double[] outBias) {
        int d = nodeEmbedding[0].length;
        for (GinLayer l : layers) {
            if (l.w1().length != d || l.w2().length != d || l.edgeEmbedding()[0].length != d) {
                throw new IllegalArgumentException("GIN layer weights do not match the hidden size " + d);
            }
        }
        if (headWeights.length < d || headWeights[0].length != outWeights.length || outWeights[0].length != outBias.length) {
            throw new IllegalArgumentException("GIN head weights do not fit together");
        }
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

    /** The type of edge {@code e} of {@code g} sent forwards ({@code backwards = false}) or backwards. */
    static int edgeType(CellGraph g, int e, int types, boolean backwards) {
        int label = g.edgeLabel(e) == CellGraph.NO_LABEL ? 0 : g.edgeLabel(e);
        return backwards ? label + types / 2 : label;
    }

    /** The graph's embedding: the mean of its node states after the last layer. */
    public double[] embed(CellGraph g) {
        double[] h = nodeStates(g);
        int d = hidden();
        int n = g.nodeCount();
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

    /** Writes the outputs for graph {@code g} with graph-level inputs {@code graphInputs} into {@code out}. */
    public void predict(CellGraph g, double[] graphInputs, double[] out) {
        double[] pooled = embed(g);
        int d = pooled.length;
        int gi = graphInputs();
        int hh = headBias.length;
        double[] t = headBias.clone();
        for (int i = 0; i < d + gi; i++) {
            double x = i < d ? pooled[i] : graphInputs[i - d];
            double[] w = headWeights[i];
            for (int j = 0; j < hh; j++) {
                t[j] += x * w[j];
            }
        }
        int k = outBias.length;
        System.arraycopy(outBias, 0, out, 0, k);
        for (int j = 0; j < hh; j++) {
            double x = Math.max(0, t[j]);
            double[] w = outWeights[j];
            for (int o = 0; o < k; o++) {
                out[o] += x * w[o];
            }
        }
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
        return new GinNetwork(nodeEmbedding, layers, headWeights, headBias, w, b);
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
        return new GinNetwork(nodeEmbedding, fitted, headWeights, headBias, outWeights, outBias);
    }
}
