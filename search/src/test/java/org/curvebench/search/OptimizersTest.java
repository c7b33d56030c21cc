package org.curvebench.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.curvebench.core.Progress;
import org.curvebench.search.lce.LceMethod;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OptimizersTest {

    private static final BitsBenchmark BENCH = new BitsBenchmark(true);
    private static final ConstantEpochTime ONE_SECOND = new ConstantEpochTime(1);

    static OptimizerSpec spec(String label) {
        String[] parts = label.split("\\+");
        OptimizerProvider p = OptimizerProvider.installed().get(parts[0]);
        if (parts.length == 1) {
            return OptimizerSpec.plain(p);
        }
        return new OptimizerSpec(p, LceMethod.installed().get(parts[1]), 5, 0.5);
    }

    static List<Trajectory> run(String label, double budget, int trials, long seed, int threads) {
        Search search = new Search(new TrialRunner(BENCH, ONE_SECOND, budget), 1, threads);
        return search.run(List.of(spec(label)), trials, seed, Progress.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rs", "re", "ls", "bananas", "sh", "hb", "bohb", "rs+wpm", "re+wpm", "ls+wpm", "bananas+wpm", "re+svr", "ls+svr"})
    void findsTheKnownOptimumGivenEnoughBudget(String label) {
        double budget = switch (label) {
            case "rs" -> 60_000;
            case "rs+wpm" -> 20_000;
            default -> 6_000;
        };
        List<Trajectory> runs = run(label, budget, 4, 7, 2);
        Regret regret = Regret.score(BENCH, runs, 0, 0);
        assertEquals(BitsBenchmark.mean(BitsBenchmark.TARGET, BitsBenchmark.EPOCHS - 1), regret.reference().best(), 1e-12);
        for (Trajectory t : runs) {
            Evaluation last = t.evaluations().get(t.evaluations().size() - 1);
            assertEquals(0.0, regret.of(last), 1e-12, label + " trial " + t.trial() + " ended on " + last.incumbent());
            assertEquals(BitsBenchmark.EPOCHS, last.incumbentEpochs());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rs", "re", "ls", "bananas", "sh", "hb", "bohb", "re+wpm", "re+svr"})
    void sameSeedSameTrajectoryWhateverTheThreads(String label) {
        List<Trajectory> a = run(label, 3_000, 3, 11, 1);
        List<Trajectory> b = run(label, 3_000, 3, 11, 2);
        List<Trajectory> c = run(label, 3_000, 3, 12, 2);
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rs", "re", "ls", "bananas", "sh", "hb", "bohb", "ls+wpm"})
    void chargesExactlyTheEpochsTrainedAndStaysWithinBudget(String label) {
        double budget = 1_000;
        for (Trajectory t : run(label, budget, 2, 3, 2)) {
            java.util.Map<String, Integer> trained = new java.util.HashMap<>();
            double clock = 0;
            for (Evaluation e : t.evaluations()) {
                int before = trained.getOrDefault(e.architecture().canonicalKey(), 0);
                assertTrue(e.epochs() > before, "a recorded training adds epochs");
                clock += e.epochs() - before;
                trained.put(e.architecture().canonicalKey(), e.epochs());
                assertEquals(clock, e.seconds(), 1e-9);
            }
            assertEquals(clock, t.spentSeconds(), 1e-9);
            assertTrue(clock <= budget);
            assertTrue(clock > budget - BitsBenchmark.EPOCHS, "stops only when the next training would not fit");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sh", "hb", "bohb"})
    void multiFidelityOptimizersTrainAtSeveralRungs(String label) {
        Trajectory t = run(label, 2_000, 1, 5, 1).get(0);
        java.util.Set<Integer> rungs = new java.util.TreeSet<>();
        t.evaluations().forEach(e -> rungs.add(e.epochs()));
        assertEquals(java.util.Set.of(1, 3, 9, 27), rungs);
    }
}
