package org.curvebench.surrogate.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import org.curvebench.encoding.EnumerableSpace;
import org.curvebench.encoding.SearchSpace;
import org.curvebench.encoding.SpaceCount;
import org.curvebench.encoding.SubSpace;
import org.curvebench.encoding.nb101.Nb101Space;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code curvebench space count}: enumerates a space and prints its size three ways. */
@Command(name = "count", mixinStandardHelpOptions = true,
        description = {"Enumerate a space and print {\"space\", \"configurations\", \"architectures\", "
                + "\"module_hashes\"} as JSON: the configurations it can be written as, the architectures they describe "
                + "once choices off every path to the output are ignored (as NAS-Bench-1Shot1 counts), and the distinct "
                + "NAS-Bench-101 module hashes (architectures up to isomorphism; \"canonical_keys\" for spaces "
                + "outside NAS-Bench-101).",
                "Enumerable spaces: 1shot1-1, 1shot1-2, 1shot1-3."})
final class SpaceCountCommand implements Callable<Integer> {

    @Option(names = "--space", required = true, paramLabel = "SPACE", description = "The space to count.")
    String space;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Session session = new Session(spec);
        SearchSpace s = session.space(space);
        if (!(s instanceof EnumerableSpace enumerable)) {
            throw session.usage("Invalid value for option '--space': space '" + space + "' cannot be enumerated; "
                    + "enumerable spaces: " + String.join(", ", session.spaces.all().stream()
                    .filter(x -> x instanceof EnumerableSpace).map(SearchSpace::name).toList()));
        }
        SpaceCount count = enumerable.count(session.progress);
        boolean nb101 = s instanceof SubSpace sub && sub.parentSpace().equals(Nb101Space.NAME);
        ObjectNode o = ReportFormat.JSON.createObjectNode();
        o.put("space", s.name());
        o.put("configurations", count.configurations());
        o.put("architectures", count.architectures());
        o.put(nb101 ? "module_hashes" : "canonical_keys", count.canonicalKeys());
        System.out.println(o);
        return 0;
    }
}
