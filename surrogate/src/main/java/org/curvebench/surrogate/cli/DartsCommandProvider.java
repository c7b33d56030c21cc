package org.curvebench.surrogate.cli;

/** Adds {@code darts} to the {@code curvebench} command line. */
public final class DartsCommandProvider implements CommandProvider {

    @Override
    public Object command() {
        return new DartsCommand();
    }
}
