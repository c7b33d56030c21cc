package org.curvebench.datasets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A seeded split of a dataset by architecture (all seeds of an architecture fall on one side), as NAS-Bench-x11
 * splits its training data.
 */
public record DatasetSplit(CurveDataset train, CurveDataset validation, CurveDataset test) {

    /**
     * Shuffles the architectures with {@code seed} and cuts them into train, validation and test in the given
     * fractions (the rest goes to test).
     */
    public static DatasetSplit of(CurveDataset data, double trainFraction, double validationFraction, long seed) {
        if (trainFraction <= 0 || validationFraction < 0 || trainFraction + validationFraction > 1) {
            throw new IllegalArgumentException("split fractions must satisfy 0 < train, 0 <= validation, train + "
                    + "validation <= 1; got " + trainFraction + " and " + validationFraction);
        }
        List<ArchitectureRuns> archs = new ArrayList<>(data.architectures());
        Collections.shuffle(archs, new Random(seed));
        int n = archs.size();
        int nTrain = Math.max(1, trainSize(n, trainFraction));
        int nValid = (int) Math.round(n * validationFraction);
        nValid = Math.min(nValid, n - nTrain);
        return new DatasetSplit(data.subset(archs.subList(0, nTrain)),
                data.subset(archs.subList(nTrain, nTrain + nValid)),
                data.subset(archs.subList(nTrain + nValid, n)));
    }

    /**
     * A shift split: architectures ordered by the first epoch of their mean {@code metric} curve (ties by key), the
     * lowest {@code 1 - testFraction} to train, the highest to test, so that a model is tested on starts it never
     * saw. No validation part. For a loss, the test part holds the worst starts; for an accuracy, the best.
     */
    public static DatasetSplit byFirstEpoch(CurveDataset data, String metric, double testFraction) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("the test fraction must satisfy 0 < f < 1; got " + testFraction);
        }
        data.epochs(metric);
        List<ArchitectureRuns> archs = new ArrayList<>(data.architectures());
        archs.sort(Comparator.comparingDouble((ArchitectureRuns a) -> a.meanCurve(metric).get(0))
                .thenComparing(ArchitectureRuns::key));
        int n = archs.size();
        int nTrain = Math.max(1, trainSize(n, 1 - testFraction));
        return new DatasetSplit(data.subset(archs.subList(0, nTrain)), data.subset(List.of()),
                data.subset(archs.subList(nTrain, n)));
    }

    /**
     * Architectures that {@code trainFraction} of {@code architectures} puts in the training set, rounded: 0 or all
     * of them for fractions close to 0 or 1 ({@link #of} keeps at least one), so that callers can refuse a fraction
     * that leaves one side empty.
     */
    public static int trainSize(int architectures, double trainFraction) {
        return (int) Math.max(0, Math.min(architectures, Math.round(architectures * trainFraction)));
    }
}
