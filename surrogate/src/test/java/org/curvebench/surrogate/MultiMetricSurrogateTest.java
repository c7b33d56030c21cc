package org.curvebench.surrogate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.curvebench.core.LearningCurve;
import org.curvebench.core.Progress;
import org.curvebench.datasets.ArchitectureRuns;
import org.curvebench.datasets.CurveDataset;
import org.curvebench.datasets.TrainingRun;
import org.curvebench.datasets.simulated.SimulatedNb201Benchmark;
import org.curvebench.encoding.Architecture;
import org.curvebench.surrogate.query.CurveQuery;
import org.curvebench.surrogate.query.QueryDefaults;
import org.curvebench.surrogate.query.QueryService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Surrogates of several metrics: per-metric models, noise drawn jointly with the cross-metric correlation of the
 * training runs' residuals, saving and loading, and the query service's metric API.
 */
class MultiMetricSurrogateTest {

    /** The correlation of the two metrics' run-to-run noise in the simulated data. */
    private static final double RHO = -0.7;
    private static final int EPOCHS = 20;

    private static CurveDataset data;
    private static CurveSurrogate surrogate;

    @TempDir
    Path dir;

    /**
     * 300 simulated NB201 cells, 4 runs each: val_acc as simulated around its mean, and a second metric (named
     * val_loss) whose mean is another function of the cell and whose noise at each epoch is RHO times val_acc's
     * standardised noise plus independent noise; epoch seconds that depend on the cell.
     */
    @BeforeAll
    static void fit() {
        CurveDataset sim = SimulatedNb201Benchmark.generate(300, 4, EPOCHS, 5).dataset();
        Random random = new Random(11);
        List<TrainingRun> runs = new ArrayList<>();
        for (ArchitectureRuns a : sim.architectures()) {
            double[] mean = a.meanCurve("val_acc").toArray();
            for (int s = 0; s < 4; s++) {
                double[] acc = new double[EPOCHS];
                double[] loss = new double[EPOCHS];
                double[] seconds = new double[EPOCHS];
                for (int e = 0; e < EPOCHS; e++) {
                    double z = random.nextGaussian();
                    double w = random.nextGaussian();
                    acc[e] = mean[e] + 1.5 * z;
                    loss[e] = 3 - mean[e] / 40 + 0.05 * (RHO * z + Math.sqrt(1 - RHO * RHO) * w);
                    seconds[e] = 20 + mean[EPOCHS - 1] / 10 + 0.2 * random.nextGaussian();
                }
                Map<String, LearningCurve> metrics = new LinkedHashMap<>();
                metrics.put("val_acc", LearningCurve.of(acc));
                metrics.put("val_loss", LearningCurve.of(loss));
                runs.add(new TrainingRun(a.architecture(), s, metrics, Optional.of(LearningCurve.of(seconds))));
            }
        }
        data = CurveDataset.fromRuns(sim.space(), runs, List.of());
        SurrogateConfig config = SurrogateConfig.defaults("val_acc").withOtherMetrics(List.of("val_loss", "epoch_seconds"));
        surrogate = new SurrogateTrainer(config, Progress.NONE, w -> { }).fit(data);
    }

    @Test
    void theManifestListsEveryMetricPrimaryFirst() {
        assertEquals(List.of("val_acc", "val_loss", "epoch_seconds"), surrogate.metrics());
        assertEquals("val_acc", surrogate.manifest().metric());
    }

    @Test
    void eachMetricHasItsOwnModel() {
        Architecture a = data.architectures().get(0).architecture();
        double acc = surrogate.meanCurve(a).get(EPOCHS - 1);
        double loss = surrogate.meanCurve("val_loss", a, new double[0]).get(EPOCHS - 1);
        double seconds = surrogate.meanCurve("epoch_seconds", a, new double[0]).get(EPOCHS - 1);
        assertEquals(3 - acc / 40, loss, 0.1, "val_loss follows its own mean");
        assertEquals(20 + acc / 10, seconds, 1.0, "epoch seconds follow their own mean");
        assertThrows(UnknownMetricException.class, () -> surrogate.meanCurve("test_acc", a, new double[0]));
    }

    @Test
    void jointNoiseReproducesTheMeasuredCrossMetricCorrelation() {
        double measured = surrogate.correlation().correlation()[0][1];
        assertEquals(RHO, measured, 0.05, "measured on the training runs' residuals");
        assertEquals(0, surrogate.correlation().correlation()[0][2], 0.1, "seconds' noise is independent");

        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (ArchitectureRuns r : data.architectures().subList(0, 40)) {
            Architecture a = r.architecture();
            double[] meanAcc = surrogate.meanCurve(a).toArray();
            double[] meanLoss = surrogate.meanCurve("val_loss", a, new double[0]).toArray();
            for (long seed = 0; seed < 10; seed++) {
                Map<String, LearningCurve> run = surrogate.noisyCurves(a, new double[0], seed, List.of("val_acc", "val_loss"));
                double[] sigmaAcc = surrogate.noiseSigma(a).toArray();
                double[] sigmaLoss = surrogate.noiseSigma("val_loss", a, new double[0]).toArray();
                for (int e = 0; e < EPOCHS; e++) {
                    double x = (run.get("val_acc").get(e) - meanAcc[e]) / sigmaAcc[e];
                    double y = (run.get("val_loss").get(e) - meanLoss[e]) / sigmaLoss[e];
                    sxy += x * y;
                    sxx += x * x;
                    syy += y * y;
                }
            }
        }
        double reproduced = sxy / Math.sqrt(sxx * syy);
        assertEquals(measured, reproduced, 0.1, "correlation of the surrogate's joint draws");
    }

    @Test
    void thePrimaryNoisyCurveIsTheSameAskedAloneOrWithOthers() {
        Architecture a = data.architectures().get(3).architecture();
        assertEquals(surrogate.noisyCurve(a, 7), surrogate.noisyCurves(a, new double[0], 7, List.of("val_loss", "val_acc"))
                .get("val_acc"));
        assertEquals(surrogate.noisyCurves(a, new double[0], 7, List.of("val_loss")).get("val_loss"),
                surrogate.noisyCurves(a, new double[0], 7, List.of("val_acc", "val_loss")).get("val_loss"),
                "one training run, whatever the metrics asked");
    }

    @Test
    void savedAndLoadedItAnswersEveryMetricIdentically() throws IOException {
        SurrogateFiles files = SurrogateFiles.installed();
        Path p = dir.resolve("multi.cbs");
        files.save(surrogate, p);
        CurveSurrogate back = files.load(p);
        assertEquals(surrogate.manifest(), back.manifest());
        assertEquals(List.of("val_acc", "val_loss", "epoch_seconds"), files.manifest(p).metrics());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(surrogate.correlation().correlation()[i], back.correlation().correlation()[i]);
        }
        for (ArchitectureRuns r : data.architectures().subList(0, 5)) {
            Architecture a = r.architecture();
            assertEquals(surrogate.meanCurves(a, new double[0], surrogate.metrics()),
                    back.meanCurves(a, new double[0], back.metrics()));
            assertEquals(surrogate.noisyCurves(a, new double[0], 2, surrogate.metrics()),
                    back.noisyCurves(a, new double[0], 2, back.metrics()));
        }
    }

    @Test
    void theQueryServiceAnswersMetricsByName() throws Exception {
        QueryService service = new QueryService(surrogate);
        Architecture a = data.architectures().get(1).architecture();
        String arch = new ObjectMapper().writeValueAsString(a.toJson());
        CurveQuery q = service.parse("{\"arch\": " + arch + ", \"seed\": 4, \"metrics\": [\"epoch_seconds\", \"val_acc\"]}",
                QueryDefaults.means(), 1);
        assertEquals(List.of("epoch_seconds", "val_acc"), q.metrics());
        JsonNode answer = new ObjectMapper().readTree(service.answerLine(q));
        assertEquals(List.of("epoch_seconds", "val_acc"), names(answer.get("curves")));
        assertEquals(4, answer.get("seed").asInt());
        assertEquals(surrogate.noisyCurve(a, 4).get(0), answer.get("curves").get("val_acc").get(0).asDouble(), 1e-4);
        assertEquals(service.curve(q, "epoch_seconds").get(5), answer.get("curves").get("epoch_seconds").get(5).asDouble(),
                1e-3);
        CurveQuery all = service.parse("{\"arch\": " + arch + ", \"metrics\": \"all\"}", QueryDefaults.means(), 2);
        assertEquals(surrogate.metrics(), all.metrics());
        CurveQuery plain = service.parse("{\"arch\": " + arch + "}", QueryDefaults.means(), 3);
        assertTrue(new ObjectMapper().readTree(service.answerLine(plain)).has("curve"), "no metrics: today's answer");
        var bad = assertThrows(org.curvebench.surrogate.query.QueryException.class, () -> service.parse(
                "{\"arch\": " + arch + ", \"metrics\": [\"test_acc\"]}", QueryDefaults.means(), 9));
        assertEquals("metrics", bad.field());
        assertTrue(bad.getMessage().contains("val_acc, val_loss, epoch_seconds"), bad.getMessage());
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
