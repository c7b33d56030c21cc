package org.curvebench.surrogate.query;

/** How batch answers are written. */
public enum OutputFormat {
    /** One JSON object per line, in input order. */
    JSONL,
    /** One NumPy {@code .npy} float32 array {@code [N, epochs]}, rows in input order. */
    NPY
}
