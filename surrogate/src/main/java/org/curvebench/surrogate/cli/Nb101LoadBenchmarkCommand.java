package org.curvebench.surrogate.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
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
                + "\"cpu_seconds\", \"threads\", \"heap_mb_after_gc\", \"heap_mb_before\", \"file_mb\", \"note\"}, "
                + "with --verify also \"verify_seconds\", the time to check every cell's module hash.",
                "heap_mb_after_gc is the heap in use right after a full collection (System.gc()), with the dataset "
                        + "still reachable; heap_mb_before the same before loading. Compare runs on the same JVM and "
                        + "-Xmx. cpu_seconds is the CPU time of the whole process while loading, all threads."})
final class Nb101LoadBenchmarkCommand implements Callable<Integer> {

    private static final double MB = 1 << 20;

    @Option(names = "--dataset", required = true, description = "NAS-Bench-101 TFRecord file.")
    Path dataset;

    @Option(names = "--verify", description = "After loading, check every cell's module hash against the file's "
            + "(queries check the cells they return in any case) and time it.")
    boolean verify;

    @Override
    public Integer call() throws Exception {
        Session session = new Session();
        double before = usedMbAfterFullGc();
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        Nb101Dataset data = Nb101Dataset.load(dataset, session.progress);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpu) / 1e9;
        double verifySeconds = 0;
        if (verify) {
            long verifyStart = System.nanoTime();
            data.verifyHashes();
            verifySeconds = (System.nanoTime() - verifyStart) / 1e9;
        }
        double after = usedMbAfterFullGc();
        ObjectNode o = ReportFormat.JSON.createObjectNode();
        o.put("records", data.records());
        o.put("cells", data.size());
        o.put("seconds", Math.round(seconds * 100) / 100.0);
        o.put("cpu_seconds", cpu < 0 ? null : Math.round(cpuSeconds * 100) / 100.0);
        o.put("threads", Runtime.getRuntime().availableProcessors());
        if (verify) {
            o.put("verify_seconds", Math.round(verifySeconds * 100) / 100.0);
        }
        o.put("heap_mb_after_gc", Double.isNaN(after) ? null : Math.round(after * 10) / 10.0);
        o.put("heap_mb_before", Double.isNaN(before) ? null : Math.round(before * 10) / 10.0);
        o.put("file_mb", Math.round(Files.size(dataset) / 1e4) / 100.0);
        o.put("note", Double.isNaN(after)
                ? "no heap figures: this JVM ignores System.gc() (-XX:+DisableExplicitGC?)"
                : "heap figures are approximate: used heap right after a full collection (System.gc()), with the "
                        + "dataset reachable; MB = 2^20 bytes");
        Reference.reachabilityFence(data);
        System.out.println(ReportFormat.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o));
        return 0;
    }

    /**
     * Heap in use in MB (2^20 bytes) right after a full collection, as the JVM recorded it at the end of that
     * collection (before anything allocated since is counted); NaN when System.gc() collected nothing.
     */
    private static double usedMbAfterFullGc() {
        long collections = collections();
        System.gc();
        if (collections() == collections) {
            return Double.NaN;
        }
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                MemoryUsage after = pool.getCollectionUsage();
                used += (after != null ? after : pool.getUsage()).getUsed();
            }
        }
        return used / MB;
    }

    private static long collections() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    /** CPU time of the whole process in nanoseconds, or -1 where the JVM does not tell. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }
}
