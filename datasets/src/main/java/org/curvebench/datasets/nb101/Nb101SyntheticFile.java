package org.curvebench.datasets.nb101;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.curvebench.core.Progress;
import org.curvebench.encoding.nb101.Nb101Cell;
import org.curvebench.encoding.nb101.Nb101Enumeration;

/**
 * Writes a <em>synthetic</em> NAS-Bench-101 TFRecord file in the real format: distinct valid cells drawn from the
 * whole space ({@link Nb101Enumeration}), 3 repeats per budget, each with evaluations at the start, halfway and end
 * of training, and made-up but plausible parameters, times and accuracies (float precision, as the real file stores
 * them). Records are about as large as the real ones, so a file of 423,624 cells is about the size of
 * {@code nasbench_only108.tfrecord}: for measuring load time and memory. It is not real NAS-Bench-101 data.
 */
public final class Nb101SyntheticFile {

    /** Repeats per cell and budget, as in NAS-Bench-101. */
    public static final int REPEATS = 3;
    /** Cells in the NAS-Bench-101 space, the most a file can hold. */
    public static final int MAX_CELLS = 423_624;

    private Nb101SyntheticFile() {
    }

    /** Writes {@code cells} cells at each of {@code budgets}; returns the number of records written. */
    public static long write(Path out, int cells, List<Integer> budgets, long seed, Progress progress)
            throws IOException {
        if (cells < 1 || cells > MAX_CELLS) {
            throw new IllegalArgumentException("cells must be in 1.." + MAX_CELLS
                    + " (the NAS-Bench-101 space has " + MAX_CELLS + " cells), got " + cells);
        }
        if (budgets.isEmpty() || budgets.stream().anyMatch(b -> b < 1)) {
            throw new IllegalArgumentException("budgets must be positive epoch counts such as 4,12,36,108, got " + budgets);
        }
        Nb101Enumeration walk = new Nb101Enumeration(seed);
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        long records = 0;
        progress.start("writing " + cells + " synthetic cells", cells);
        try (Nb101TfRecordWriter writer = Nb101TfRecordWriter.create(out)) {
            for (int c = 0; c < cells; c++) {
                Optional<Nb101Cell> next = walk.next();
                if (next.isEmpty()) {
                    throw new IllegalStateException("the NAS-Bench-101 space ran out after " + c + " cells");
                }
                Nb101Cell cell = next.get();
                CellModel model = CellModel.of(cell, random);
                for (int budget : budgets) {
                    for (int repeat = 0; repeat < REPEATS; repeat++) {
                        writer.write(model.record(cell, budget, random));
                        records++;
                    }
                }
                progress.advance(1);
            }
        } finally {
            progress.done();
        }
        return records;
    }

    /** What fixes a cell's made-up results: its parameter count, seconds per epoch and final accuracy at 108. */
    private record CellModel(int parameters, double secondsPerEpoch, double accuracy108) {

        static CellModel of(Nb101Cell cell, SplittableRandom random) {
            List<String> interior = cell.ops().subList(1, cell.vertices() - 1);
            int conv3 = count(interior, Nb101Cell.CONV3X3);
            int conv1 = count(interior, Nb101Cell.CONV1X1);
            int pools = count(interior, Nb101Cell.MAXPOOL3X3);
            double scale = 0.6 + 0.8 * random.nextDouble();
            int parameters = (int) Math.round(227_274 + scale * (conv3 * 2_100_000 + conv1 * 450_000 + pools * 60_000));
            double quality = clamp(0.25 + 0.12 * conv3 + 0.06 * conv1 - 0.04 * pools + 0.02 * cell.edges(), 0, 1);
            double accuracy = random.nextDouble() < 0.005 ? 0.1 + 0.02 * random.nextDouble()
                    : clamp(0.80 + 0.14 * quality + 0.01 * random.nextGaussian(), 0.5, 0.951);
            return new CellModel(parameters, 3 + 1.5 * parameters / 1e6, accuracy);
        }

        Nb101Record record(Nb101Cell cell, int budget, SplittableRandom random) {
            double drop = 0.2 * Math.exp(-budget / 12.0) + 0.05 * Math.max(0, 1 - budget / 108.0);
            double validation = clamp(accuracy108 - drop + 0.005 * random.nextGaussian(), 0.05, 0.96);
            double test = clamp(validation - 0.003 + 0.004 * random.nextGaussian(), 0.05, 0.96);
            double train = clamp(validation + 0.07 + 0.1 * Math.min(1, budget / 108.0), 0, 1);
            double halfway = 0.12 + Math.abs(0.04 * random.nextGaussian());
            double seconds = budget * secondsPerEpoch * (0.97 + 0.06 * random.nextDouble());
            List<Nb101Evaluation> evaluations = new ArrayList<>(3);
            double chance = 0.09 + 0.02 * random.nextDouble();
            evaluations.add(evaluation(0, 0, chance, chance, chance));
            evaluations.add(evaluation(budget / 2.0, seconds / 2, train - halfway, validation - halfway,
                    test - halfway));
            evaluations.add(evaluation(budget, seconds, train, validation, test));
            return new Nb101Record(cell.canonicalKey(), budget, cell.adjacency(), cell.ops(), parameters,
                    f(seconds * 1.04), evaluations);
        }

        private static Nb101Evaluation evaluation(double epoch, double seconds, double train, double validation,
                                                  double test) {
            return new Nb101Evaluation(epoch, f(seconds), f(clamp(train, 0, 1)), f(clamp(validation, 0, 1)),
                    f(clamp(test, 0, 1)));
        }

        private static int count(List<String> ops, String op) {
            return (int) ops.stream().filter(op::equals).count();
        }
    }

    /** Rounds to float precision, as NAS-Bench-101 stores its metrics. */
    private static double f(double v) {
        return (float) v;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
