package org.curvebench.surrogate.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.curvebench.core.Progress;
import org.curvebench.datasets.ArchitectureRuns;
import org.curvebench.datasets.CurveDataset;
import org.curvebench.datasets.simulated.SimulatedNb201Benchmark;
import org.curvebench.encoding.Architecture;
import org.curvebench.surrogate.SurrogateConfig;
import org.curvebench.surrogate.SurrogateTrainer;
import org.junit.jupiter.api.Test;

/**
 * A batch answers every line as the same query asked alone, also when architectures repeat (answers to repeated
 * mean queries are written once and copied) and when seeds, odd spacing or key order take other paths.
 */
class BatchQueriesTest {

    private static final CurveDataset DATA = SimulatedNb201Benchmark.generate(300, 2, 20, 5).dataset();
    private static final QueryService SERVICE = new QueryService(
            new SurrogateTrainer(SurrogateConfig.defaults("val_acc"), Progress.NONE, w -> { }).fit(DATA));

    private final QueryService service = SERVICE;

    private static List<Architecture> architectures(int n) {
        return DATA.architectures().stream().limit(n).map(ArchitectureRuns::architecture).toList();
    }

    private String run(BatchQueries batch, String input) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        batch.run(service, new BufferedReader(new StringReader(input)), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void repeatedAndMixedLinesAnswerAsSingleQueries() throws Exception {
        List<Architecture> archs = architectures(40);
        SplittableRandom random = new SplittableRandom(7);
        StringBuilder in = new StringBuilder();
        List<CurveQuery> asked = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            Architecture a = archs.get(random.nextInt(archs.size()));
            String text = a.toJson().textValue();
            switch (random.nextInt(4)) {
                case 0 -> {
                    long seed = random.nextInt(5);
                    in.append("{\"seed\": ").append(seed).append(", \"arch\":\"").append(text).append("\"}\n");
                    asked.add(CurveQuery.noisy(a, seed));
                }
                case 1 -> {
                    in.append(" { \"arch\" : \"").append(text).append("\" , \"extra\": null }\n"); // the JSON reader's path
                    asked.add(CurveQuery.mean(a));
                }
                default -> {
                    in.append("{\"arch\": \"").append(text).append("\"}\n");
                    asked.add(CurveQuery.mean(a));
                }
            }
        }
        StringBuilder expected = new StringBuilder();
        for (CurveQuery q : asked) {
            expected.append(service.answerLine(q));
        }
        assertEquals(expected.toString(), run(BatchQueries.defaults(QueryDefaults.means()), in.toString()));
        assertEquals(expected.toString(), run(new BatchQueries(QueryDefaults.means(), -1, OutputFormat.JSONL, 1), in.toString()));
    }

    @Test
    void anErrorAfterRepeatsStillWritesEveryLineBeforeIt() throws Exception {
        Architecture a = architectures(1).get(0);
        String good = "{\"arch\": \"" + a.toJson().textValue() + "\"}\n";
        String input = good.repeat(1500) + "{\"arch\": \"|bad|\"}\n" + good;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        QueryException e = assertThrows(QueryException.class, () -> BatchQueries.defaults(QueryDefaults.means())
                .run(service, new BufferedReader(new StringReader(input)), out));
        assertEquals(1501, e.index());
        assertEquals(service.answerLine(CurveQuery.mean(a)).repeat(1500), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void roundIsMathRoundIncludingTies() {
        double[] ties = {0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 4503599627370495.5, 1e17, -1e17, 0.49999999999999994, Double.NaN};
        for (double v : ties) {
            assertEquals(Math.round(v), AsciiBuffer.round(v), Double.toString(v));
        }
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 100_000; i++) {
            double v = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(12));
            assertEquals(Math.round(v), AsciiBuffer.round(v), Double.toString(v));
        }
    }
}
