package org.curvebench.search.lce;

/**
 * The saturating curve families of Domhan et al. (2015) that {@link WeightedParametricModels} combines, each over
 * unconstrained parameters (positive ones through {@code exp}), written for a curve that rises from about 0 toward
 * about 1 in epochs {@code x = 1, 2, ...}.
 */
enum ParametricCurve {

    POW3(new double[] {1, 0, Math.log(0.5)}) {
        @Override
        double value(double[] p, double x) {
            return p[0] - Math.exp(p[1]) * Math.pow(x, -Math.exp(p[2]));
        }
    },
    EXP3(new double[] {1, 0, -2}) {
        @Override
        double value(double[] p, double x) {
            return p[0] - Math.exp(p[1]) * Math.exp(-Math.exp(p[2]) * x);
        }
    },
    ILOG2(new double[] {1, 0}) {
        @Override
        double value(double[] p, double x) {
            return p[0] - Math.exp(p[1]) / Math.log(x + 1);
        }
    },
    LOG_POWER(new double[] {1, 1, 0}) {
        @Override
        double value(double[] p, double x) {
            return p[0] / (1 + Math.pow(x / Math.exp(p[1]), -Math.exp(p[2])));
        }
    },
    MMF(new double[] {1, 0, -2, 0}) {
        @Override
        double value(double[] p, double x) {
            return p[0] - (p[0] - p[1]) / (1 + Math.pow(Math.exp(p[2]) * x, Math.exp(p[3])));
        }
    },
    JANOSCHEK(new double[] {1, 0, -2, 0}) {
        @Override
        double value(double[] p, double x) {
            return p[0] - (p[0] - p[1]) * Math.exp(-Math.exp(p[2]) * Math.pow(x, Math.exp(p[3])));
        }
    },
    WEIBULL(new double[] {1, 0, -2, 0}) {
        @Override
        double value(double[] p, double x) {
            return p[0] - (p[0] - p[1]) * Math.exp(-Math.pow(Math.exp(p[2]) * x, Math.exp(p[3])));
        }
    };

    private final double[] start;

    ParametricCurve(double[] start) {
        this.start = start;
    }

    /** The curve's value at epoch {@code x} under parameters {@code p}. */
    abstract double value(double[] p, double x);

    /** Starting parameters for a least-squares fit. */
    double[] start() {
        return start.clone();
    }
}
