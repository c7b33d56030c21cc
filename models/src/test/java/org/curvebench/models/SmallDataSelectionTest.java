package org.curvebench.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.curvebench.core.Progress;
import org.junit.jupiter.api.Test;

class SmallDataSelectionTest {

    /** Records the tasks started, in order. */
    private static final class RecordingProgress implements Progress {
        final List<String> tasks = new ArrayList<>();
        int open;

        @Override
        public void start(String task, long total) {
            tasks.add(task);
            open++;
        }

        @Override
        public void advance(long steps) {
        }

        @Override
        public void done() {
            open--;
        }
    }

    private static double[][] inputs(int n, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][3];
        for (double[] row : x) {
            row[0] = r.nextDouble();
            row[1] = r.nextDouble();
            row[2] = r.nextInt(3);
        }
        return x;
    }

    private static double[][] targets(double[][] x) {
        double[][] y = new double[x.length][2];
        for (int i = 0; i < x.length; i++) {
            y[i][0] = 2 * x[i][0] + x[i][2];
            y[i][1] = x[i][0] * x[i][1];
        }
        return y;
    }

    private static SmallDataSelection small() {
        ObliviousBoostingTrainer base = new ObliviousBoostingTrainer(0.3, 3, 20, 5, 1.0, 16, 1);
        return new SmallDataSelection(List.of(base, base.withDepth(5).withLearningRate(0.1),
                base.withDepth(2).withLearningRate(0.05)), SmallDataSelection.DEFAULT_LIMIT);
    }

    @Test
    void eachStageOfTheSelectionHasItsOwnBarSayingWhatItDoes() {
        double[][] x = inputs(200, 1);
        double[][] xv = inputs(40, 2);
        RecordingProgress progress = new RecordingProgress();
        small().fit(x, targets(x), xv, targets(xv), 3, progress);
        List<String> tasks = progress.tasks;
        assertEquals(4, tasks.size(), tasks.toString());
        assertEquals(tasks.size(), new HashSet<>(tasks).size(), "a label repeats: " + tasks);
        assertEquals("choosing trees: depth 3, rate 0.3 (1/3)", tasks.get(0));
        assertEquals("choosing trees: depth 5, rate 0.1 (2/3)", tasks.get(1));
        assertEquals("choosing trees: depth 2, rate 0.05 (3/3)", tasks.get(2));
        assertTrue(tasks.get(3).startsWith("refitting the chosen trees (depth ") && tasks.get(3).endsWith("on all rows"),
                tasks.get(3));
        assertEquals(0, progress.open, "every bar is closed");
    }

    @Test
    void largeSetsFitTheFirstCandidateUnderItsOwnName() {
        double[][] x = inputs(200, 1);
        double[][] xv = inputs(40, 2);
        RecordingProgress progress = new RecordingProgress();
        new SmallDataSelection(small().candidates(), 100).fit(x, targets(x), xv, targets(xv), 3, progress);
        assertEquals(List.of("fitting oblivious boosted trees"), progress.tasks);
    }

    @Test
    void relabelledAndPrefixedProgressRenameOnlyTheTask() {
        RecordingProgress inner = new RecordingProgress();
        inner.labelled("stage one").start("anything", 3);
        inner.prefixed("noise model: ").start("fitting trees", 3);
        assertEquals(List.of("stage one", "noise model: fitting trees"), inner.tasks);
        assertTrue(Progress.NONE.labelled("x") == Progress.NONE);
    }
}
