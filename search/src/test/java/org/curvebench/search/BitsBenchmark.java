package org.curvebench.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.curvebench.core.LearningCurve;
import org.curvebench.encoding.Architecture;
import org.curvebench.encoding.SearchSpace;

/**
 * A benchmark with a known optimum over {@link BitsSpace}: the final accuracy grows by 5 points per bit that
 * matches {@link #TARGET}, curves rise as {@code final * (1 - exp(-epoch / tau))} with a time constant set by the
 * lowest two bits, and each training adds Gaussian noise of 0.5 points fixed by the seed and the architecture.
 */
final class BitsBenchmark implements Benchmark {

    static final int TARGET = 0b10110100;
    static final int EPOCHS = 27;

    private final BitsSpace space = new BitsSpace();
    private final boolean listable;

    BitsBenchmark(boolean listable) {
        this.listable = listable;
    }

    @Override
    public SearchSpace space() {
        return space;
    }

    @Override
    public String metric() {
        return "val_acc";
    }

    @Override
    public int epochs() {
        return EPOCHS;
    }

    @Override
    public String description() {
        return "bits";
    }

    static double finalValue(int bits) {
        return 40 + 5 * (BitsSpace.BITS - Integer.bitCount(bits ^ TARGET));
    }

    static double tau(int bits) {
        return 2 + 2 * (bits & 3);
    }

    static double mean(int bits, int epoch) {
        return finalValue(bits) * (1 - Math.exp(-(epoch + 1) / tau(bits)));
    }

    @Override
    public LearningCurve trainingCurve(Architecture architecture, long seed) {
        int bits = ((BitsSpace.Bits) architecture).value();
        SplittableRandom random = new SplittableRandom(seed * 31 + bits);
        double[] y = new double[EPOCHS];
        for (int e = 0; e < EPOCHS; e++) {
            y[e] = mean(bits, e) + 0.5 * random.nextGaussian();
        }
        return LearningCurve.of(y);
    }

    @Override
    public double meanFinal(Architecture architecture) {
        return mean(((BitsSpace.Bits) architecture).value(), EPOCHS - 1);
    }

    @Override
    public Optional<List<Architecture>> all() {
        if (!listable) {
            return Optional.empty();
        }
        List<Architecture> all = new ArrayList<>();
        for (int i = 0; i < BitsSpace.SIZE; i++) {
            all.add(new BitsSpace.Bits(i));
        }
        return Optional.of(all);
    }
}
