package org.curvebench.surrogate.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.curvebench.datasets.nb101.Nb101Dataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code curvebench nb101 load-benchmark}: how long loading a TFRecord file takes and how much heap it keeps. */
@Command(name = "load-benchmark", mixinStandardHelpOptions = true,
        description = {"Load a NAS-Bench-101 TFRecord file and print JSON {\"records\", \"cells\", \"seconds\", "
                + "\"heap_mb_after_gc\", \"heap_mb_before\", \"file_mb\", \"note\"}.",
                "heap_mb_after_gc is the used heap after System.gc() with the dataset loaded; it is approximate "
                        + "(the JVM may not collect fully), so compare runs on the same JVM and -Xmx."})
final class Nb101LoadBenchmarkCommand implements Callable<Integer> {

    @Option(names = "--dataset", required = true, description = "NAS-Bench-101 TFRecord file.")
    Path dataset;

    @Override
    public Integer call() throws Exception {
        Session session = new Session();
        double before = usedMbAfterGc();
        long start = System.nanoTime();
        Nb101Dataset data = Nb101Dataset.load(dataset, session.progress);
        double seconds = (System.nanoTime() - start) / 1e9;
        double after = usedMbAfterGc();
        ObjectNode o = ReportFormat.JSON.createObjectNode();
        o.put("records", data.records());
        o.put("cells", data.size());
        o.put("seconds", Math.round(seconds * 100) / 100.0);
        o.put("heap_mb_after_gc", Math.round(after * 10) / 10.0);
        o.put("heap_mb_before", Math.round(before * 10) / 10.0);
        o.put("file_mb", Math.round(Files.size(dataset) / 1e4) / 100.0);
        o.put("note", "heap figures are approximate: used heap after System.gc(), best effort");
        Reference.reachabilityFence(data);
        System.out.println(ReportFormat.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o));
        return 0;
    }

    /** Used heap in MB (2^20 bytes) after asking for full collections, best effort. */
    private static double usedMbAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return (rt.totalMemory() - rt.freeMemory()) / (double) (1 << 20);
    }
}
