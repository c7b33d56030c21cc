package org.curvebench.surrogate.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.curvebench.datasets.CurveDataset;
import org.curvebench.surrogate.CurveSurrogate;

/**
 * More work for {@code curvebench demo} from modules built on this one (the search module's figures), found
 * through {@link ServiceLoader}: one class implementing this plus its line in
 * {@code META-INF/services/org.curvebench.surrogate.cli.DemoExtension}.
 */
public interface DemoExtension {

    /** Runs on the demo's surrogate and held-out data and returns the files it wrote under {@code outDir}. */
    List<Path> run(CurveSurrogate surrogate, CurveDataset heldOut, Path outDir) throws IOException;

    /** Every extension on the class path. */
    static Iterable<DemoExtension> installed() {
        return ServiceLoader.load(DemoExtension.class, DemoExtension.class.getClassLoader());
    }
}
