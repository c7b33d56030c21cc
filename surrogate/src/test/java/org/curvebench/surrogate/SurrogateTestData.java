package org.curvebench.surrogate;

import org.curvebench.datasets.DatasetSplit;
import org.curvebench.core.Progress;
import org.curvebench.datasets.simulated.SimulatedBenchmark;
import org.curvebench.datasets.simulated.SimulatedNb201Benchmark;
import org.curvebench.models.LightGbmTrainer;

/** One small simulated benchmark and a surrogate fitted on it, shared by the tests of this module. */
final class SurrogateTestData {

    static final SimulatedBenchmark SIM = SimulatedNb201Benchmark.generate(1600, 4, 40, 3);
    static final DatasetSplit SPLIT = DatasetSplit.of(SIM.dataset(), 0.9, 0, 3);
    static final SurrogateConfig CONFIG = SurrogateConfig.defaults("val_acc")
            .withRegressor(new LightGbmTrainer(0.1, 31, 8, 20, 600, 30, 1))
            .withNoise(new org.curvebench.noise.SlidingWindowNoiseTrainer(9, 5, new LightGbmTrainer(0.1, 15, 8, 20, 300, 20, 1)));
    static final CurveSurrogate SURROGATE = new SurrogateTrainer(CONFIG, Progress.NONE, w -> { }).fit(SPLIT.train());

    private SurrogateTestData() {
    }
}
