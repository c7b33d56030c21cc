"""HTTP client of ``curvebench serve``: standard library only (http.client, json); numpy when installed."""

import http.client
import io
import json
import os
import random
import shutil
import subprocess
import tempfile
import threading
import urllib.parse

try:
    import numpy as _np
except ImportError:  # numpy is optional
    _np = None

NPY = "application/x-npy"


class CurveBenchError(Exception):
    """A request the server refused (or a server that could not be reached or started).

    ``message`` is the server's message; ``status`` the HTTP status; ``index`` the position of the architecture at
    fault (None when the request as a whole is); ``field`` the request field at fault, where one is.
    """

    def __init__(self, message, status=None, index=None, field=None):
        super().__init__(message if status is None else "%s (HTTP %d)" % (message, status))
        self.message = message
        self.status = status
        self.index = index
        self.field = field


def _as_list(values):
    if values is None:
        return None
    if hasattr(values, "tolist"):
        return values.tolist()
    return list(values)


class Client:
    """A client of one ``curvebench serve`` at ``url`` (e.g. ``http://127.0.0.1:8080``).

    Safe to share between threads: each thread keeps its own keep-alive connection.
    """

    def __init__(self, url, timeout=600.0):
        parts = urllib.parse.urlsplit(url)
        if parts.scheme != "http" or not parts.hostname:
            raise ValueError("expected a URL like http://127.0.0.1:8080, got %r" % (url,))
        self.url = url.rstrip("/")
        self._host = parts.hostname
        self._port = parts.port or 80
        self._timeout = timeout
        self._local = threading.local()
        self._process = None
        self._stderr = None
        self._surrogates = None
        self._lock = threading.Lock()
        self._random = random.Random()
        self._connections = []

    # -- starting a server -------------------------------------------------------------------------------------

    @classmethod
    def start(cls, model_paths, launcher=None, host="127.0.0.1", args=(), timeout=180.0):
        """Starts ``curvebench serve`` on a free port with the given surrogate files and returns its client.

        ``model_paths``: paths (each named by its file name without ``.cbs``) or a dict of name to path.
        ``launcher``: the ``curvebench`` command; by default ``$CURVEBENCH``, else the launcher of the repository
        this package lies in, else ``curvebench`` on PATH. ``close()`` (or leaving a ``with`` block) stops it.
        """
        command = [cls._launcher(launcher), "serve", "--host", host, "--port", "0"]
        if isinstance(model_paths, (str, os.PathLike)):
            model_paths = [model_paths]
        if isinstance(model_paths, dict):
            for name, path in model_paths.items():
                command += ["--model", "%s=%s" % (name, os.fspath(path))]
        else:
            for path in model_paths:
                command += ["--model", os.fspath(path)]
        command += list(args)
        stderr = tempfile.TemporaryFile()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr, stdin=subprocess.DEVNULL)
        found = []

        def read_first_line():
            for raw in process.stdout:
                line = raw.decode("utf-8", "replace").strip()
                if line.startswith("listening on "):
                    found.append(line[len("listening on "):])
                    break
            # keep draining so that the server never blocks on a full pipe
            for _ in process.stdout:
                pass

        reader = threading.Thread(target=read_first_line, daemon=True)
        reader.start()
        waited = 0.0
        while not found and process.poll() is None and waited < timeout:
            reader.join(0.05)
            waited += 0.05
        if not found:
            if process.poll() is None:
                process.kill()
            process.wait()
            reader.join(5)
            process.stdout.close()
            stderr.seek(0)
            text = stderr.read().decode("utf-8", "replace").strip()
            stderr.close()
            raise CurveBenchError("curvebench serve did not start (exit code %s): %s" % (process.returncode, text))
        client = cls(found[0])
        client._process = process
        client._stderr = stderr
        return client

    @staticmethod
    def _launcher(launcher):
        if launcher:
            return os.fspath(launcher)
        if os.environ.get("CURVEBENCH"):
            return os.environ["CURVEBENCH"]
        here = os.path.dirname(os.path.abspath(__file__))
        repo = os.path.join(here, os.pardir, os.pardir, "curvebench")
        if os.path.isfile(repo):
            return os.path.normpath(repo)
        found = shutil.which("curvebench")
        if found:
            return found
        raise CurveBenchError("no curvebench launcher: pass launcher=, set CURVEBENCH or put curvebench on PATH")

    def close(self):
        """Closes every thread's connection; stops the server when this client started it (exit code returned)."""
        with self._lock:
            connections, self._connections = self._connections, []
        for conn in connections:
            conn.close()
        self._local.conn = None
        if self._process is None:
            return None
        process, self._process = self._process, None
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        process.stdout.close()
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None
        return process.returncode

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    # -- requests ----------------------------------------------------------------------------------------------

    def _connection(self):
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = http.client.HTTPConnection(self._host, self._port, timeout=self._timeout)
            self._local.conn = conn
            with self._lock:
                self._connections.append(conn)
        return conn

    def _request(self, method, path, body=None, accept="application/json"):
        headers = {"Accept": accept}
        if body is not None:
            headers["Content-Type"] = "application/json"
        for attempt in (0, 1):
            conn = self._connection()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                data = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError,
                    http.client.CannotSendRequest, http.client.ResponseNotReady) as e:
                # a kept-alive connection the server closed: once more on a fresh one
                self._drop(conn)
                if attempt == 1:
                    raise CurveBenchError("no answer from %s: %s" % (self.url, e))
            except OSError as e:
                self._drop(conn)
                raise CurveBenchError("cannot reach %s: %s" % (self.url, e))
        if response.status >= 400:
            try:
                err = json.loads(data)
                raise CurveBenchError(err.get("error", "error"), response.status, err.get("index"), err.get("field"))
            except ValueError:
                raise CurveBenchError(data.decode("utf-8", "replace") or response.reason, response.status)
        if response.getheader("Connection", "").lower() == "close":
            self._drop(conn)
        return response.getheader("Content-Type", ""), data

    def _drop(self, conn):
        conn.close()
        self._local.conn = None
        with self._lock:
            if conn in self._connections:
                self._connections.remove(conn)

    def health(self):
        """The server's ``/healthz`` answer."""
        return json.loads(self._request("GET", "/healthz")[1])

    def surrogates(self):
        """The surrogates the server answers for: a list of ``{"name", "manifest"}`` dicts."""
        listed = json.loads(self._request("GET", "/v1/surrogates")[1])["surrogates"]
        with self._lock:
            self._surrogates = listed
        return listed

    def curves(self, name, archs, seeds=None, observed=None, metrics=None):
        """Curves of ``archs`` from surrogate ``name``, in order.

        ``seeds``: one training seed (a noisy curve) or None (the mean curve) per architecture, or None for mean
        curves. ``observed``: the first observed epochs, shared or one list per architecture. Returns a 2-D
        ``np.ndarray`` [len(archs), epochs] (float32) when numpy is installed, else a list of lists; with ``metrics``,
        a dict of metric name to such curves (several metrics of a multi-metric surrogate come as JSON, a noisy
        curve's metrics from one simulated training run).
        """
        request = {"archs": _as_list(archs)}
        if seeds is not None:
            request["seeds"] = [None if s is None else int(s) for s in _as_list(seeds)]
        if observed is not None:
            request["observed"] = _as_list(observed)
        if metrics is not None:
            if isinstance(metrics, str):
                metrics = [metrics]
            request["metrics"] = list(metrics)
        body = json.dumps(request, separators=(",", ":")).encode("utf-8")
        path = "/v1/surrogates/%s/curves" % urllib.parse.quote(name, safe="")
        several = metrics is not None and len(request["metrics"]) > 1
        if _np is not None and not several:
            _, data = self._request("POST", path, body, accept=NPY)
            array = _np.load(io.BytesIO(data), allow_pickle=False)
            return {m: array for m in request["metrics"]} if metrics is not None else array
        _, data = self._request("POST", path, body)
        curves = json.loads(data)["curves"]
        if several and _np is not None:
            return {m: _np.asarray(c, dtype=_np.float32) for m, c in curves.items()}
        return curves

    def predict(self, config, representation="arch_str", with_noise=False, search_space="nb201", components=False,
                seed=None, surrogate=None):
        """One learning curve, shaped like NAS-Bench-x11's ``predict``: the list of per-epoch values.

        ``representation``: ``"arch_str"`` (the NAS-Bench-201 string) or ``"json"`` (the space's JSON form).
        ``with_noise``: the noisy curve of training seed ``seed`` (a random seed when None) rather than the mean.
        ``search_space``: picks the server's surrogate of that space (``surrogate=`` names one when several are).
        """
        if representation not in ("arch_str", "json"):
            raise ValueError("representation must be 'arch_str' or 'json', not %r" % (representation,))
        if components:
            raise CurveBenchError("components=True is not served; CurveBench surrogates return curves")
        if seed is not None and not with_noise:
            raise ValueError("seed applies to with_noise=True only")
        name = surrogate or self._surrogate_for(search_space)
        seeds = None
        if with_noise:
            if seed is None:
                with self._lock:
                    seed = self._random.randrange(2 ** 31)
            seeds = [seed]
        body = {"archs": [config]}
        if seeds is not None:
            body["seeds"] = seeds
        path = "/v1/surrogates/%s/curves" % urllib.parse.quote(name, safe="")
        _, data = self._request("POST", path, json.dumps(body, separators=(",", ":")).encode("utf-8"))
        return json.loads(data)["curves"][0]

    def _surrogate_for(self, space):
        with self._lock:
            listed = self._surrogates
        if listed is None:
            listed = self.surrogates()
        names = [s["name"] for s in listed if s["manifest"].get("space") == space]
        if len(names) != 1:
            raise CurveBenchError("%s surrogate(s) of space %r on %s (%s); name one with surrogate="
                                  % (len(names), space, self.url, ", ".join(s["name"] for s in listed)))
        return names[0]
