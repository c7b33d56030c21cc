package org.curvebench.surrogate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A command line that starts with {@code query} is parsed by a command tree holding only that subcommand; users
 * must not see the difference: the same names in usage and errors, the same exit codes.
 */
class MainTest {

    /** Exit code, standard output and standard error of one run. */
    private record Run(int code, String out, String err) {
    }

    private static synchronized Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void queryHelpAndErrorsNameTheWholeCommand() {
        Run help = run("query", "--help");
        assertEquals(0, help.code(), help.err());
        assertTrue(help.out().startsWith("Usage: curvebench query "), help.out());

        Run missing = run("query", "--model", "no-such-file.cbs", "--arch", "x");
        assertEquals(1, missing.code());
        assertTrue(missing.err().startsWith("curvebench query: error: no-such-file.cbs"), missing.err());

        Run usage = run("query", "--model", "m.cbs");
        assertEquals(2, usage.code());
        assertTrue(usage.err().contains("Usage: curvebench query "), usage.err());
    }

    @Test
    void theOtherCommandsAreStillThere() {
        Run help = run("--help");
        assertEquals(0, help.code(), help.err());
        for (String command : new String[] {"demo", "fit", "evaluate", "query", "simulate", "nb101"}) {
            assertTrue(help.out().contains("  " + command + " "), command + " in:\n" + help.out());
        }
        assertEquals(0, run("fit", "--help").code());
    }
}
