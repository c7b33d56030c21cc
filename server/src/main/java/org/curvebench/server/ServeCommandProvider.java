package org.curvebench.server;

import org.curvebench.surrogate.cli.CommandProvider;

/** Adds {@code serve} to the {@code curvebench} command line. */
public final class ServeCommandProvider implements CommandProvider {

    @Override
    public Object command() {
        return new ServeCommand();
    }
}
