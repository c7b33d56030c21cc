package org.curvebench.noise;

import java.util.SplittableRandom;

/** Standard normal draws from a {@link SplittableRandom}, reproducible across JVMs (unlike nextGaussian's caching). */
final class Gaussian {

    private Gaussian() {
    }

    static double next(SplittableRandom random) {
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
