package org.curvebench.surrogate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.curvebench.datasets.DatasetSplit;
import org.curvebench.datasets.simulated.SimulatedNb201Benchmark;
import org.curvebench.datasets.table.CurveTableWriter;

/** A small NB201 surrogate fitted once through the command line, shared by the CLI tests that only read it. */
final class CliFixture {

    static final Path DIR;
    static final Path TRAIN;
    static final Path TEST;
    static final Path MODEL;

    static {
        try {
            DIR = Files.createTempDirectory("curvebench-cli-");
            DIR.toFile().deleteOnExit();
            var sim = SimulatedNb201Benchmark.generate(400, 2, 20, 5);
            DatasetSplit split = DatasetSplit.of(sim.dataset(), 0.8, 0, 5);
            TRAIN = DIR.resolve("train.jsonl.gz");
            TEST = DIR.resolve("test.jsonl");
            CurveTableWriter.write(split.train(), TRAIN);
            CurveTableWriter.write(split.test(), TEST);
            MODEL = DIR.resolve("fixture.cbs");
            CliTest.Run fit = CliTest.run("fit", "--space", "nb201", "--data", TRAIN.toString(), "--out", MODEL.toString(),
                    "--max-rounds", "60");
            assertEquals(0, fit.code(), fit.err());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private CliFixture() {
    }
}
