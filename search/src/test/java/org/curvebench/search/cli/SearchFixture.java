package org.curvebench.search.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.curvebench.datasets.simulated.SimulatedNb201Benchmark;
import org.curvebench.datasets.table.CurveTableWriter;
import org.curvebench.surrogate.cli.Main;

/** A small surrogate of simulated NB201-space curves (300 cells x 2 seeds x 20 epochs), fitted once per test run. */
public final class SearchFixture {

    public static final Path DIR;
    public static final Path TABLE;
    public static final Path MODEL;

    static {
        try {
            DIR = Files.createTempDirectory("curvebench-search-");
            DIR.toFile().deleteOnExit();
            TABLE = DIR.resolve("train.jsonl.gz");
            CurveTableWriter.write(SimulatedNb201Benchmark.generate(300, 2, 20, 11).dataset(), TABLE);
            MODEL = DIR.resolve("nb201.cbs");
            assertEquals(0, Main.run("fit", "--space", "nb201", "--data", TABLE.toString(), "--out", MODEL.toString(),
                    "--max-rounds", "40"), "fit failed");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SearchFixture() {
    }
}
