package org.curvebench.surrogate.cli;

import picocli.CommandLine.Option;

/** {@code --pad-epochs}: pads NAS-Bench-301 curves with their last value, as NAS-Bench-x11 does, only when asked. */
final class PaddingOption {

    @Option(names = "--pad-epochs", paramLabel = "N",
            description = "For --format nb301: pad every shorter curve to N epochs with its last value "
                    + "(NAS-Bench-x11 uses 98; default: no padding). The load summary says how many runs were padded.")
    Integer padEpochs;
}
