package org.curvebench.surrogate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.curvebench.surrogate.eval.CurveFit;
import org.curvebench.surrogate.eval.EvaluationReport;
import org.curvebench.surrogate.eval.TotalTimeFit;

/** Renders an {@link EvaluationReport} as the JSON object of the CLI contract or as a readable table. */
final class ReportFormat {

    static final ObjectMapper JSON = new ObjectMapper();

    private ReportFormat() {
    }

    static ObjectNode json(EvaluationReport r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("space", r.space());
        o.put("metric", r.metric());
        o.put("epochs", r.epochs());
        o.put("n_archs", r.nArchs());
        putFit(o, r.meanFit());
        if (r.tabular() == null) {
            o.putNull("tabular");
            o.putNull("surrogate_vs_heldout_seed");
            o.putNull("noise");
            return o;
        }
        o.put("seeds", r.seeds());
        ArrayNode tab = o.putArray("tabular");
        for (EvaluationReport.TabularFit t : r.tabular()) {
            ObjectNode row = tab.addObject();
            row.put("seeds", t.seeds());
            putFit(row, t.fit());
        }
        putFit(o.putObject("surrogate_vs_heldout_seed"), r.surrogateVsHeldoutSeed());
        ObjectNode noise = o.putObject("noise");
        putNumber(noise, "avg_kl", r.noise().avgKl());
        putNumber(noise, "final_kl", r.noise().finalKl());
        noise.put("samples", r.noise().samples());
        putNumber(noise, "spike_rate_data", r.noise().spikeRateData());
        putNumber(noise, "spike_rate_surrogate", r.noise().spikeRateSurrogate());
        return o;
    }

    static ObjectNode json(TotalTimeFit t) {
        ObjectNode o = JSON.createObjectNode();
        o.put("n_archs", t.nArchs());
        putNumber(o, "mape_percent", t.meanAbsolutePercentError());
        putNumber(o, "r2", t.r2());
        putNumber(o, "kt", t.kendallTau());
        return o;
    }

    static String table(TotalTimeFit t) {
        return String.format(Locale.ROOT, "Total training time (sum of epoch_seconds) of %d test architectures: mean "
                + "absolute error %.2f%%, R2 %.4f, KT %.4f%n", t.nArchs(), t.meanAbsolutePercentError(), t.r2(),
                t.kendallTau());
    }

    private static void putFit(ObjectNode o, CurveFit f) {
        putNumber(o, "avg_r2", f.avgR2());
        putNumber(o, "final_r2", f.finalR2());
        putNumber(o, "avg_kt", f.avgKt());
        putNumber(o, "final_kt", f.finalKt());
    }

    private static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    static String table(EvaluationReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Evaluation of a %s surrogate of %s on %d test architectures (%d epochs)%n",
                r.space(), r.metric(), r.nArchs(), r.epochs()));
        sb.append(String.format(Locale.ROOT, "%-34s %8s %8s %8s %8s%n", "predictor -> target", "avg R2", "final R2",
                "avg KT", "final KT"));
        row(sb, "surrogate -> mean of runs", r.meanFit());
        if (r.tabular() != null) {
            for (EvaluationReport.TabularFit t : r.tabular()) {
                row(sb, t.seeds() + "-seed tabular -> held-out seed", t.fit());
            }
            row(sb, "surrogate -> held-out seed", r.surrogateVsHeldoutSeed());
            sb.append(String.format(Locale.ROOT, "noise: KL(data || surrogate) avg %.3f, final %.3f (%d seeds vs %d samples); "
                            + "spike rate data %.2f%%, surrogate %.2f%%%n", r.noise().avgKl(), r.noise().finalKl(), r.seeds(),
                    r.noise().samples(), 100 * r.noise().spikeRateData(), 100 * r.noise().spikeRateSurrogate()));
        } else {
            sb.append("(no test architecture has two or more seeds: no tabular comparison or noise KL)%n".formatted());
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, CurveFit f) {
        sb.append(String.format(Locale.ROOT, "%-34s %8.4f %8.4f %8.4f %8.4f%n", name, f.avgR2(), f.finalR2(),
                f.avgKt(), f.finalKt()));
    }
}
