package org.curvebench.server;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.curvebench.surrogate.CurveSurrogate;
import org.curvebench.surrogate.SurrogateFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code curvebench serve}: surrogates over HTTP/JSON until SIGTERM or SIGINT. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve surrogates over HTTP/JSON: GET /healthz, GET /v1/surrogates, "
                + "POST /v1/surrogates/NAME/curves, GET /v1/openapi.json.",
                "Prints 'listening on http://HOST:PORT' once it accepts requests; on SIGTERM or SIGINT stops "
                        + "accepting, finishes the requests in flight and exits 0."})
public final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "[NAME=]PATH",
            description = "A surrogate file, named by its file name without .cbs or by NAME; repeat for more.")
    List<String> models = new ArrayList<>();

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Port (0: a free one; default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--max-request-mb", defaultValue = "64",
            description = "Largest request body in MiB (default: ${DEFAULT-VALUE}).")
    double maxRequestMb;

    @Option(names = "--max-batch", defaultValue = "100000",
            description = "Most architectures in one request (default: ${DEFAULT-VALUE}).")
    int maxBatch;

    @Option(names = "--threads", defaultValue = "16",
            description = "Handler threads; more requests wait in a bounded queue (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--grace-seconds", defaultValue = "30",
            description = "How long shutdown waits for requests in flight (default: ${DEFAULT-VALUE}).")
    int graceSeconds;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw usage("--port must be 0..65535, got " + port);
        }
        if (!(maxRequestMb > 0) || maxBatch < 1 || threads < 1 || graceSeconds < 0) {
            throw usage("--max-request-mb, --max-batch and --threads must be positive, --grace-seconds at least 0");
        }
        SurrogateFiles files = SurrogateFiles.installed();
        List<NamedSurrogate> loaded = new ArrayList<>();
        for (String m : models) {
            String[] nameAndPath = nameAndPath(m);
            CurveSurrogate s = files.load(Path.of(nameAndPath[1]));
            loaded.add(new NamedSurrogate(nameAndPath[0], s));
        }
        CurveServer.Limits limits = new CurveServer.Limits((long) (maxRequestMb * (1 << 20)), maxBatch, threads);
        CurveServer server = CurveServer.start(loaded, host, port, limits);
        PrintStream out = System.out;
        PrintStream err = System.err;
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            err.println("curvebench serve: stopping; " + server.inFlight() + " request(s) in flight");
            server.stop(Duration.ofSeconds(graceSeconds));
            out.flush();
            err.flush();
            // a signal's exit status would be 128 + signal; a clean stop exits 0
            Runtime.getRuntime().halt(0);
        }, "curvebench-serve-shutdown"));
        out.println("listening on " + server.url());
        out.flush();
        forever.await();
        return 0;
    }

    /** {@code NAME=PATH} or a plain path, named by its file name without {@code .cbs}. */
    String[] nameAndPath(String arg) {
        int eq = arg.indexOf('=');
        String name;
        String path;
        if (eq > 0 && arg.substring(0, eq).matches("[A-Za-z0-9._-]+")) {
            name = arg.substring(0, eq);
            path = arg.substring(eq + 1);
        } else {
            path = arg;
            String file = Path.of(arg).getFileName().toString();
            name = file.endsWith(".cbs") ? file.substring(0, file.length() - 4) : file;
        }
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw usage("surrogate name '" + name + "' must be letters, digits, '.', '_' or '-'; give one with "
                    + "--model NAME=PATH");
        }
        return new String[] {name, path};
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
