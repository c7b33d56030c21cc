package org.curvebench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.curvebench.datasets.simulated.SimulatedNb201Benchmark;
import org.curvebench.datasets.table.CurveTableWriter;
import org.curvebench.encoding.Architecture;
import org.curvebench.surrogate.CurveSurrogate;
import org.curvebench.surrogate.SurrogateFiles;
import org.curvebench.surrogate.cli.Main;

/**
 * A small NB201 surrogate of val_acc and val_loss fitted once through the command line, and architectures to ask
 * it about.
 */
final class ServerFixture {

    static final Path DIR;
    static final Path MODEL;
    static final CurveSurrogate SURROGATE;
    /** 40 sampled cells, as NAS-Bench-201 strings. */
    static final List<String> ARCHS = new ArrayList<>();

    static {
        try {
            DIR = Files.createTempDirectory("curvebench-server-");
            DIR.toFile().deleteOnExit();
            Path data = DIR.resolve("train.jsonl.gz");
            CurveTableWriter.write(SimulatedNb201Benchmark.generate(300, 2, 20, 11).dataset(), data);
            MODEL = DIR.resolve("fixture.cbs");
            int code = Main.run("fit", "--space", "nb201", "--data", data.toString(), "--out", MODEL.toString(),
                    "--max-rounds", "40", "--metrics", "val_acc,val_loss");
            assertEquals(0, code, "fit failed");
            SURROGATE = SurrogateFiles.installed().load(MODEL);
            SplittableRandom random = new SplittableRandom(3);
            for (int i = 0; i < 40; i++) {
                Architecture a = SURROGATE.space().sample(random);
                ARCHS.add(a.toJson().textValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ServerFixture() {
    }

    static CurveServer start(CurveServer.Limits limits) throws IOException {
        return CurveServer.start(List.of(new NamedSurrogate("fixture", SURROGATE)), "127.0.0.1", 0, limits);
    }
}
