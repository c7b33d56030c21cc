package org.curvebench.datasets;

import org.curvebench.core.Progress;

import java.io.IOException;
import java.nio.file.Path;
import org.curvebench.encoding.SearchSpace;

/** A file format of learning curves that CurveBench can read ({@code --format NAME} on the command line). */
public interface DatasetFormat {

    /** The name used on the command line, e.g. {@code table}. */
    String name();

    /** One line saying what the format is. */
    String description();

    /**
     * Reads every run at {@code path} as architectures of {@code space}. Malformed input fails with a
     * {@link DataFormatException} naming the file and line; runs that are well-formed but unusable (NaN, short)
     * are listed in {@link CurveDataset#skipped()}.
     */
    CurveDataset read(Path path, SearchSpace space, Progress progress) throws IOException;
}
