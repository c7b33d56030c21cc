package org.curvebench.search;

/** Lets tests in other packages use the bits benchmark. */
public final class BitsBenchmarkAccess {

    public Benchmark benchmark() {
        return new BitsBenchmark(true);
    }
}
