package org.curvebench.surrogate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A command line that starts with {@code query} is parsed by a command tree holding only that subcommand; users
 * must not see the difference: the same names in usage and errors, the same exit codes.
 */
class MainTest {

    private static CliTest.Run run(String... args) {
        return CliTest.run(args);
    }

    @Test
    void queryHelpAndErrorsNameTheWholeCommand() {
        CliTest.Run help = run("query", "--help");
        assertEquals(0, help.code(), help.err());
        assertTrue(help.out().startsWith("Usage: curvebench query "), help.out());

        CliTest.Run missing = run("query", "--model", "no-such-file.cbs", "--arch", "x");
        assertEquals(1, missing.code());
        assertTrue(missing.err().startsWith("curvebench query: error: no-such-file.cbs"), missing.err());

        CliTest.Run usage = run("query", "--model", "m.cbs");
        assertEquals(2, usage.code());
        assertTrue(usage.err().contains("Usage: curvebench query "), usage.err());
    }

    @Test
    void theOtherCommandsAreStillThere() {
        CliTest.Run help = run("--help");
        assertEquals(0, help.code(), help.err());
        for (String command : new String[] {"demo", "fit", "evaluate", "query", "info", "simulate", "nb101", "darts"}) {
            assertTrue(help.out().contains("  " + command + " "), command + " in:\n" + help.out());
        }
        assertEquals(0, run("fit", "--help").code());
    }
}
