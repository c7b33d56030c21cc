package org.curvebench.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import org.curvebench.core.ModelInput;
import org.curvebench.core.ModelInputs;
import java.util.List;
import java.util.SplittableRandom;
import org.curvebench.datasets.ArchitectureRuns;
import org.curvebench.core.Progress;
import org.curvebench.datasets.simulated.SimulatedBenchmark;
import org.curvebench.datasets.simulated.SimulatedNb201Benchmark;
import org.curvebench.encoding.nb201.Nb201Space;
import org.curvebench.models.LightGbmTrainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Noise models fitted on the simulated benchmark, whose true per-epoch sigma and spike rate are known. */
class NoiseModelsTest {

    private static SimulatedBenchmark sim;
    private static NoiseTrainingSet data;
    private static SlidingWindowNoiseModel window;

    @BeforeAll
    static void fit() {
        sim = SimulatedNb201Benchmark.generate(600, 4, 60, 11);
        var encoder = new Nb201Space().defaultEncoder();
        List<double[][]> runs = new ArrayList<>();
        double[][] inputs = new double[sim.dataset().size()][];
        int i = 0;
        for (ArchitectureRuns a : sim.dataset().architectures()) {
            inputs[i++] = encoder.encode(a.architecture());
            runs.add(a.curves("val_acc"));
        }
        data = new NoiseTrainingSet(ModelInputs.ofFeatureMatrix(inputs), runs);
        window = (SlidingWindowNoiseModel) new SlidingWindowNoiseTrainer(9, 5, new LightGbmTrainer(0.1, 15, 8, 10, 300, 20, 1))
                .fit(data, 0, Progress.NONE);
    }

    @Test
    void slidingWindowRecoversTheTrueSigmaPerArchitectureAndEpoch() {
        double[] sigma = new double[60];
        double logError = 0;
        double logBias = 0;
        int n = 0;
        int a = 0;
        for (ArchitectureRuns arch : sim.dataset().architectures()) {
            window.sigma(data.inputs().get(a++), sigma);
            double[] truth = sim.trueSigma(arch.key());
            for (int e = 0; e < 60; e++) {
                double d = Math.log(sigma[e] / truth[e]);
                logError += d * d;
                logBias += d;
                n++;
            }
        }
        double rms = Math.sqrt(logError / n);
        assertTrue(rms < 0.2, "rms log error of sigma " + rms);
        assertTrue(Math.abs(logBias / n) < 0.1, "bias " + logBias / n);
    }

    @Test
    void slidingWindowFindsTheAutocorrelationAndSpikeRate() {
        assertEquals(SimulatedNb201Benchmark.NOISE_AUTOCORRELATION, window.autocorrelation(), 0.15);
        assertEquals(SimulatedNb201Benchmark.SPIKE_PROBABILITY, window.spikeProbability(), 0.004);
    }

    @Test
    void samplesHaveThePredictedSpreadAndAreReproducible() {
        ModelInput input = data.inputs().get(0);
        double[] sigma = new double[60];
        window.sigma(input, sigma);
        double[] sumSq = new double[60];
        int draws = 4000;
        SplittableRandom random = new SplittableRandom(1);
        for (int d = 0; d < draws; d++) {
            double[] curve = new double[60];
            window.addNoise(input, curve, random);
            for (int e = 0; e < 60; e++) {
                if (Math.abs(curve[e]) < 4 * sigma[e]) {
                    sumSq[e] += curve[e] * curve[e];
                }
            }
        }
        for (int e = 0; e < 60; e += 10) {
            assertEquals(1.0, Math.sqrt(sumSq[e] / draws) / sigma[e], 0.1, "epoch " + e);
        }
        double[] one = new double[60];
        double[] two = new double[60];
        window.addNoise(input, one, new SplittableRandom(5));
        window.addNoise(input, two, new SplittableRandom(5));
        assertArrayEquals(one, two, 0.0);
    }

    @Test
    void kernelDensityReproducesTheResidualSpread() {
        KdeNoiseModel kde = (KdeNoiseModel) new KdeNoiseTrainer(9, 1000).fit(data, 0, Progress.NONE);
        double[] sigma = new double[60];
        kde.sigma(null, sigma);
        double pooled = 0;
        for (double[][] runs : data.runs()) {
            for (double[] r : Residuals.of(runs, 9)) {
                pooled += r[30] * r[30];
            }
        }
        pooled = Math.sqrt(pooled / (data.runs().size() * 4.0));
        assertEquals(pooled, sigma[30], 0.25 * pooled);
    }

    @Test
    void modelsSurviveJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        NoiseProvider.installed().all().forEach(p -> p.modelTypes().forEach(json::registerSubtypes));
        org.curvebench.models.RegressorProvider.installed().all().forEach(p -> p.modelTypes().forEach(json::registerSubtypes));
        NoiseModel back = json.readValue(json.writeValueAsString(window), NoiseModel.class);
        double[] a = new double[60];
        double[] b = new double[60];
        window.addNoise(data.inputs().get(3), a, new SplittableRandom(9));
        back.addNoise(data.inputs().get(3), b, new SplittableRandom(9));
        assertArrayEquals(a, b, 0.0);
    }
}
