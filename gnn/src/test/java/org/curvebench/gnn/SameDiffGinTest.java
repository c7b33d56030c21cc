package org.curvebench.gnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.curvebench.core.CellGraph;
import org.curvebench.core.GraphSchema;
import org.curvebench.encoding.SearchSpace;
import org.curvebench.encoding.nb101.Nb101Space;
import org.curvebench.encoding.nb201.Nb201Space;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The plain-Java forward pass computes what the ND4J graph computes from the same weights. */
class SameDiffGinTest {

    private static void matches(SearchSpace space, int graphInputs, DataType type, double tolerance) {
        GraphSchema schema = space.graphSchema().orElseThrow();
        SplittableRandom random = new SplittableRandom(11);
        List<CellGraph> graphs = new ArrayList<>();
        while (graphs.size() < 40) {
            space.graph(space.sample(random)).ifPresent(graphs::add);
        }
        int types = 2 * Math.max(1, schema.edgeLabels().size());
        GinNetwork net = GinInitialiser.network(schema.nodeLabels().size(), types, graphInputs, 4,
                new GinSettings(3, 16, 1, 0.01, 8, 0, 1), 21).withPopulationStatistics(graphs.subList(0, 20));
        double[] inputs = new double[graphs.size() * graphInputs];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = random.nextGaussian();
        }
        double[] nd4j = SameDiffGin.inference(net, type)
                .output(GraphBatch.of(graphs, schema.nodeLabels().size(), types), inputs);
        double[] out = new double[4];
        double worst = 0;
        for (int g = 0; g < graphs.size(); g++) {
            double[] gi = new double[graphInputs];
            System.arraycopy(inputs, g * graphInputs, gi, 0, graphInputs);
            net.predict(graphs.get(g), gi, out);
            for (int o = 0; o < 4; o++) {
                worst = Math.max(worst, Math.abs(out[o] - nd4j[g * 4 + o]));
            }
        }
        assertEquals(0, worst, tolerance, "largest difference between the Java and ND4J outputs");
    }

    @Test
    void labelledEdgesNb201() {
        matches(new Nb201Space(), 0, DataType.DOUBLE, 1e-9);
    }

    @Test
    void unlabelledEdgesAndGraphInputsNb101() {
        matches(new Nb101Space(), 5, DataType.DOUBLE, 1e-9);
    }

    @Test
    void inSinglePrecisionToOneInHundredThousand() {
        matches(new Nb201Space(), 3, DataType.FLOAT, 1e-5);
    }
}
