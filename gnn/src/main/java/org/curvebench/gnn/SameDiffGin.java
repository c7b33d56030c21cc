package org.curvebench.gnn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The GIN of a {@link GinNetwork} as a SameDiff graph over {@link GraphBatch}es: for training (batch statistics
 * in the normalisation, dropout by a mask given with each batch, mean squared error, Adam) or for inference
 * (the network's population statistics, no dropout). The only class that touches ND4J.
 */
final class SameDiffGin {

    private final SameDiff sd;
    private final DataType type;
    private final int layers;
    private final int graphInputs;
    private final boolean training;

    private SameDiffGin(GinNetwork net, boolean training, double learningRate, DataType type) {
        this.sd = SameDiff.create();
        this.type = type;
        this.layers = net.layerCount();
        this.graphInputs = net.graphInputs();
        this.training = training;
        build(net, learningRate);
    }

    /** A graph to train from {@code start}'s weights with Adam at {@code learningRate}. */
    /** Guards the swap of {@code System.out} around ND4J's gradient construction. */
    private static final Object STDOUT_SWAP = new Object();

    static SameDiffGin training(GinNetwork start, double learningRate) {
        SameDiffGin g = new SameDiffGin(start, true, learningRate, DataType.FLOAT);
        // ND4J 1.0.0-M2.1 prints a line to standard output for every op it differentiates (a System.out.println in
        // SameDiff.createGradFunction, no logger to turn down); keep it out of ours. One swap at a time, so that two
        // threads building networks cannot leave the null stream in place.
        synchronized (STDOUT_SWAP) {
            java.io.PrintStream out = System.out;
            System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            try {
                g.sd.createGradFunction();
            } finally {
                System.setOut(out);
            }
        }
        return g;
    }

    /** The inference graph of {@code net}. */
    static SameDiffGin inference(GinNetwork net, DataType type) {
        return new SameDiffGin(net, false, 0, type);
    }

    private void build(GinNetwork net, double learningRate) {
        int d = net.hidden();
        SDVariable nodes = sd.placeHolder("nodes", type, -1, net.nodeLabels());
        SDVariable source = sd.placeHolder("source", type, -1, -1);
        SDVariable target = sd.placeHolder("target", type, -1, -1);
        SDVariable types = sd.placeHolder("types", type, -1, net.edgeTypes());
        SDVariable pool = sd.placeHolder("pool", type, -1, -1);
        SDVariable h = sd.mmul(nodes, var("node_embedding", net.nodeEmbeddingWeights()));
        for (int i = 0; i < layers; i++) {
            GinLayer l = net.layer(i);
            String p = "layer" + i + "_";
            SDVariable edges = sd.mmul(types, var(p + "edge", l.edgeEmbedding()));
            SDVariable messages = sd.nn.relu(sd.mmul(source, h).add(edges), 0);
            SDVariable eps = var(p + "eps", new double[][] {{l.eps()}});
            SDVariable z = h.mul(eps.add(1.0)).add(sd.mmul(target, messages));
            SDVariable a = sd.mmul(z, var(p + "w1", l.w1())).add(var(p + "b1", row(l.b1())));
            SDVariable centred;
            SDVariable variance;
            if (training) {
                centred = a.sub(sd.mean(a, true, 0));
                variance = sd.mean(centred.mul(centred), true, 0);
            } else {
                centred = a.sub(sd.constant(p + "mean", array(row(l.mean()))));
                variance = sd.constant(p + "variance", array(row(l.variance())));
            }
            SDVariable normalised = centred.div(sd.math.sqrt(variance.add(GinNetwork.BN_EPSILON)))
                    .mul(var(p + "gamma", row(l.gamma()))).add(var(p + "beta", row(l.beta())));
            SDVariable inner = sd.nn.relu(normalised, 0);
            h = sd.nn.relu(sd.mmul(inner, var(p + "w2", l.w2())).add(var(p + "b2", row(l.b2()))), 0);
        }
        SDVariable g = sd.mmul(pool, h);
        if (graphInputs > 0) {
            g = sd.concat(1, g, sd.placeHolder("graph_inputs", type, -1, graphInputs));
        }
        SDVariable t = sd.nn.relu(sd.mmul(g, var("head_w", net.headWeights())).add(var("head_b", row(net.headBias()))), 0);
        if (training) {
            t = t.mul(sd.placeHolder("dropout", type, -1, d));
        }
        SDVariable out = sd.mmul(t, var("out_w", net.outWeights())).add("out", var("out_b", row(net.outBias())));
        if (training) {
            SDVariable y = sd.placeHolder("y", type, -1, net.outputs());
            SDVariable diff = out.sub(y);
            sd.mean("loss", diff.mul(diff));
            sd.setLossVariables("loss");
            List<String> features = new ArrayList<>(List.of("nodes", "source", "target", "types", "pool"));
            if (graphInputs > 0) {
                features.add("graph_inputs");
            }
            features.add("dropout");
            sd.setTrainingConfig(TrainingConfig.builder().updater(new Adam(learningRate))
                    .dataSetFeatureMapping(features).dataSetLabelMapping("y").build());
        }
    }

    private SDVariable var(String name, double[][] w) {
        return sd.var(name, array(w));
    }

    private INDArray array(double[][] w) {
        int rows = w.length;
        int cols = w[0].length;
        double[] flat = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(w[r], 0, flat, r * cols, cols);
        }
        return matrix(flat, rows, cols);
    }

    private INDArray matrix(double[] flat, int rows, int cols) {
        return Nd4j.createFromArray(flat).reshape('c', rows, cols).castTo(type);
    }

    private static double[][] row(double[] v) {
        return new double[][] {v};
    }

    private INDArray[] inputs(GraphBatch b, double[] graphInputRows) {
        List<INDArray> in = new ArrayList<>(List.of(matrix(b.nodeOneHot, b.nodes, b.nodeLabels),
                matrix(b.source, b.messages, b.nodes), matrix(b.target, b.nodes, b.messages),
                matrix(b.types, b.messages, b.edgeTypes), matrix(b.pool, b.graphs, b.nodes)));
        if (graphInputs > 0) {
            in.add(matrix(graphInputRows, b.graphs, graphInputs));
        }
        return in.toArray(new INDArray[0]);
    }

    /** One training batch: graphs, graph inputs, dropout mask (scaled keep weights) and labels, row-major. */
    record Step(GraphBatch graphs, double[] graphInputRows, double[] dropoutMask, double[] labels, int outputs) {
    }

    /**
     * One Adam step per batch, in order, in one call to ND4J (which prepares its training session once per call,
     * a cost that dwarfs a step on graphs this small). The batches are made as they are consumed.
     */
    void epoch(Iterator<Step> steps) {
        sd.fit(new StepIterator(steps), 1);
    }

    private MultiDataSet dataSet(Step s) {
        GraphBatch b = s.graphs();
        List<INDArray> in = new ArrayList<>(List.of(inputs(b, s.graphInputRows())));
        in.add(matrix(s.dropoutMask(), b.graphs, s.dropoutMask().length / b.graphs));
        return new MultiDataSet(in.toArray(new INDArray[0]), new INDArray[] {matrix(s.labels(), b.graphs, s.outputs())});
    }

    /** The steps as ND4J's iterator: one pass, on the calling thread (no prefetching, so no reordering). */
    private final class StepIterator implements MultiDataSetIterator {
        private final Iterator<Step> steps;

        StepIterator(Iterator<Step> steps) {
            this.steps = steps;
        }

        @Override
        public boolean hasNext() {
            return steps.hasNext();
        }

        @Override
        public MultiDataSet next() {
            return dataSet(steps.next());
        }

        @Override
        public MultiDataSet next(int num) {
            return next();
        }

        @Override
        public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
            throw new UnsupportedOperationException("no pre-processing");
        }

        @Override
        public MultiDataSetPreProcessor getPreProcessor() {
            return null;
        }

        @Override
        public boolean resetSupported() {
            return false;
        }

        @Override
        public boolean asyncSupported() {
            return false;
        }

        @Override
        public void reset() {
            throw new UnsupportedOperationException("one pass only");
        }
    }

    /** The outputs of the inference graph for a batch (graphs x outputs, row-major). */
    double[] output(GraphBatch b, double[] graphInputRows) {
        INDArray[] in = inputs(b, graphInputRows);
        Map<String, INDArray> placeholders = new HashMap<>();
        String[] names = {"nodes", "source", "target", "types", "pool", "graph_inputs"};
        for (int i = 0; i < in.length; i++) {
            placeholders.put(names[i], in[i]);
        }
        double[][] out = sd.output(placeholders, "out").get("out").castTo(DataType.DOUBLE).toDoubleMatrix();
        int k = out[0].length;
        double[] flat = new double[out.length * k];
        for (int r = 0; r < out.length; r++) {
            System.arraycopy(out[r], 0, flat, r * k, k);
        }
        return flat;
    }

    /** The current weights as a plain-Java network (normalisation statistics still to be set). */
    GinNetwork weights(GinNetwork shape) {
        GinLayer[] ls = new GinLayer[layers];
        for (int i = 0; i < layers; i++) {
            String p = "layer" + i + "_";
            GinLayer l = shape.layer(i);
            ls[i] = new GinLayer(get(p + "edge"), get(p + "eps")[0][0], get(p + "w1"), get(p + "b1")[0],
                    get(p + "gamma")[0], get(p + "beta")[0], l.mean(), l.variance(), get(p + "w2"), get(p + "b2")[0]);
        }
        return new GinNetwork(get("node_embedding"), ls, get("head_w"), get("head_b")[0], get("out_w"), get("out_b")[0]);
    }

    private double[][] get(String name) {
        return sd.getVariable(name).getArr().castTo(DataType.DOUBLE).toDoubleMatrix();
    }
}
