#!/usr/bin/env python3
"""Load test and Python-client benchmark of ``curvebench serve`` (loopback only, bounded in time and count).

    python3 bench/server-load.py --model nb201.cbs [--seconds 60] [--clients 16]

1. Starts ``curvebench serve`` on a free loopback port (through the Python client's Client.start).
2. Asks the command line (``curvebench query --batch``) for reference curves of a pool of random NB201 cells, half
   with a training seed.
3. Load: ``--clients`` threads, each with its own keep-alive connection, send for ``--seconds`` (at most
   ``--max-requests`` in all) a mix of single-architecture requests (70%), batches of ``--batch`` architectures
   (29%) and malformed requests (1%: broken JSON, an invalid cell, a seed that is not a whole number). Every good
   answer is compared with the command line's; every malformed one must be a 4xx with {"error", "index"}. The
   server's resident memory is sampled every second.
4. Python client: ``--client-curves`` curves in batches of ``--client-batch`` (npy answers when numpy is installed),
   and ``--single-calls`` single-curve round trips through ``Client.predict``.
Prints a JSON summary last.
"""

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, os.pardir, "python"))

from curvebench import Client, CurveBenchError  # noqa: E402
from curvebench import client as client_module  # noqa: E402

OPS = ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"]


def random_cell(rng):
    o = [rng.choice(OPS) for _ in range(6)]
    return "|%s~0|+|%s~0|%s~1|+|%s~0|%s~1|%s~2|" % tuple(o)


def percentile(values, p):
    s = sorted(values)
    if not s:
        return float("nan")
    k = min(len(s) - 1, max(0, int(round(p / 100.0 * (len(s) - 1)))))
    return s[k]


def rss_kb(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def cpu_s(pid):
    """User plus system CPU seconds of process pid so far."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return float("nan")


def cli_reference(launcher, model, pool):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        for arch, seed in pool:
            q = {"arch": arch}
            if seed is not None:
                q["seed"] = seed
            f.write(json.dumps(q) + "\n")
        path = f.name
    try:
        out = subprocess.run([launcher, "query", "--model", model, "--batch", path], check=True,
                             capture_output=True, text=True).stdout
    finally:
        os.unlink(path)
    return [json.loads(line)["curve"] for line in out.splitlines()]


def load(url, name, pool, reference, args):
    host, port = url[len("http://"):].rsplit(":", 1)
    deadline = time.monotonic() + args.seconds
    lock = threading.Lock()
    issued = [0]
    stats = {"good": 0, "good_errors": 0, "mismatches": 0, "malformed": 0, "malformed_not_4xx": 0,
             "curves": 0, "lat_single": [], "lat_batch": [], "lat_all": [], "examples": []}
    bad_bodies = [b'{"archs": ["|nor_conv_3x3~0|+', b'{"archs": ["|nor_conv_3x3~0|+|none~0|"]}',
                  b'{"archs": ["' + pool[0][0].encode() + b'"], "seeds": ["x"]}', b'[]']
    path = "/v1/surrogates/%s/curves" % name

    def worker(w):
        rng = random.Random(w)
        conn = http.client.HTTPConnection(host, int(port), timeout=120)
        local = {"good": 0, "good_errors": 0, "mismatches": 0, "malformed": 0, "malformed_not_4xx": 0,
                 "curves": 0, "lat_single": [], "lat_batch": [], "examples": []}
        while time.monotonic() < deadline:
            with lock:
                if issued[0] >= args.max_requests:
                    break
                issued[0] += 1
            r = rng.random()
            if r < 0.01:
                body, picks = rng.choice(bad_bodies), None
            else:
                k = 1 if r < 0.71 else args.batch
                picks = [rng.randrange(len(pool)) for _ in range(k)]
                body = json.dumps({"archs": [pool[i][0] for i in picks],
                                   "seeds": [pool[i][1] for i in picks]}).encode()
            t0 = time.perf_counter()
            try:
                conn.request("POST", path, body=body, headers={"Content-Type": "application/json"})
                resp = conn.getresponse()
                data = resp.read()
                status = resp.status
            except (OSError, http.client.HTTPException) as e:
                conn.close()
                conn = http.client.HTTPConnection(host, int(port), timeout=120)
                status, data = -1, repr(e).encode()
            dt = time.perf_counter() - t0
            if picks is None:
                local["malformed"] += 1
                ok = 400 <= status < 500
                if ok:
                    e = json.loads(data)
                    ok = "error" in e and "index" in e
                if not ok:
                    local["malformed_not_4xx"] += 1
                continue
            local["good"] += 1
            (local["lat_single"] if len(picks) == 1 else local["lat_batch"]).append(dt)
            if status != 200:
                local["good_errors"] += 1
                if len(local["examples"]) < 3:
                    local["examples"].append((status, data[:200].decode("utf-8", "replace")))
                continue
            curves = json.loads(data)["curves"]
            local["curves"] += len(curves)
            for i, c in zip(picks, curves):
                if c != reference[i]:
                    local["mismatches"] += 1
        conn.close()
        with lock:
            for key in ("good", "good_errors", "mismatches", "malformed", "malformed_not_4xx", "curves"):
                stats[key] += local[key]
            for key in ("lat_single", "lat_batch", "examples"):
                stats[key].extend(local[key])

    threads = [threading.Thread(target=worker, args=(w,)) for w in range(args.clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stats["wall_s"] = time.perf_counter() - t0
    return stats


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", required=True, help="an NB201 surrogate file")
    p.add_argument("--launcher", default=os.path.join(HERE, os.pardir, "curvebench"))
    p.add_argument("--seconds", type=float, default=60.0)
    p.add_argument("--clients", type=int, default=16)
    p.add_argument("--batch", type=int, default=100, help="architectures in a batch request")
    p.add_argument("--max-requests", type=int, default=2_000_000)
    p.add_argument("--pool", type=int, default=500, help="distinct (cell, seed) queries drawn from")
    p.add_argument("--client-curves", type=int, default=200_000)
    p.add_argument("--client-batch", type=int, default=10_000)
    p.add_argument("--single-calls", type=int, default=10_000)
    p.add_argument("--parts", default="load,client", help="load, client or both (load,client)")
    args = p.parse_args()
    parts = set(args.parts.split(","))
    if not (0 < args.seconds <= 3600 and 0 < args.clients <= 256):
        p.error("--seconds must be in (0, 3600] and --clients in (0, 256]")

    rng = random.Random(0)
    pool = [(random_cell(rng), (i if i % 2 else None)) for i in range(args.pool)]
    summary = {"clients": args.clients, "seconds": args.seconds, "numpy": client_module._np is not None}
    with Client.start([args.model], launcher=args.launcher) as cb:
        pid = cb._process.pid
        name = cb.surrogates()[0]["name"]
        reference = cli_reference(args.launcher, args.model, pool)
        rss = []
        stop = threading.Event()

        def sample():
            start = time.monotonic()
            while not stop.wait(1.0):
                rss.append((round(time.monotonic() - start), rss_kb(pid)))

        if "load" not in parts:
            args.seconds = 0.0
        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        server_cpu0, own_cpu0 = cpu_s(pid), sum(os.times()[:2])
        stats = load(cb.url, name, pool, reference, args)
        server_cpu, own_cpu = cpu_s(pid) - server_cpu0, sum(os.times()[:2]) - own_cpu0
        stop.set()
        sampler.join()
        lat = stats["lat_single"] + stats["lat_batch"]
        requests = stats["good"] + stats["malformed"]
        summary["load"] = {
            "requests": requests, "requests_per_s": round(requests / stats["wall_s"], 1),
            "curves_per_s": round(stats["curves"] / stats["wall_s"], 1),
            "good": stats["good"], "errors_on_good": stats["good_errors"], "mismatches_vs_cli": stats["mismatches"],
            "malformed": stats["malformed"], "malformed_not_4xx": stats["malformed_not_4xx"],
            "p50_ms": round(1000 * percentile(lat, 50), 2), "p99_ms": round(1000 * percentile(lat, 99), 2),
            "single_p50_ms": round(1000 * percentile(stats["lat_single"], 50), 2),
            "single_p99_ms": round(1000 * percentile(stats["lat_single"], 99), 2),
            "batch_p50_ms": round(1000 * percentile(stats["lat_batch"], 50), 2),
            "batch_p99_ms": round(1000 * percentile(stats["lat_batch"], 99), 2),
            "examples": stats["examples"],
            "server_cpu_s": round(server_cpu, 1), "load_generator_cpu_s": round(own_cpu, 1),
        }
        values = [kb for _, kb in rss if kb]
        if values:
            q = max(1, len(values) // 4)
            summary["rss_mb"] = {"first_quarter_max": round(max(values[:q]) / 1024, 1),
                                 "last_quarter_max": round(max(values[-q:]) / 1024, 1),
                                 "max": round(max(values) / 1024, 1),
                                 "every_10s": [(t, round(kb / 1024, 1)) for t, kb in rss[::10] if kb]}
        print("load: %s" % json.dumps(summary["load"]), file=sys.stderr)

        # the Python client: big batches, then single round trips
        if "client" not in parts:
            summary["server_exit_code"] = cb.close()
            print(json.dumps(summary, indent=1))
            return 0 if summary["server_exit_code"] == 0 else 1
        big = [random_cell(rng) for _ in range(args.client_batch)]
        cb.curves(name, big[:1000])  # warm-up
        t0 = time.perf_counter()
        done = 0
        while done < args.client_curves:
            k = min(args.client_batch, args.client_curves - done)
            got = cb.curves(name, big[:k])
            done += len(got)
        wall = time.perf_counter() - t0
        summary["client_batch"] = {"curves": done, "batch": args.client_batch, "seconds": round(wall, 2),
                                   "curves_per_s": round(done / wall, 1),
                                   "answer": "npy" if client_module._np is not None else "json"}
        single = []
        for i in range(200):
            cb.predict(pool[i % len(pool)][0])
        for i in range(args.single_calls):
            a = pool[i % len(pool)][0]
            t = time.perf_counter()
            cb.predict(a)
            single.append(time.perf_counter() - t)
        summary["client_single"] = {"calls": len(single), "median_ms": round(1000 * statistics.median(single), 3),
                                    "p99_ms": round(1000 * percentile(single, 99), 3)}
        code = cb.close()
        summary["server_exit_code"] = code
    print(json.dumps(summary, indent=1))
    ok = (summary["load"]["errors_on_good"] == 0 and summary["load"]["mismatches_vs_cli"] == 0
          and summary["load"]["malformed_not_4xx"] == 0 and code == 0)
    return 0 if ok else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except CurveBenchError as e:
        print("server-load: %s" % e, file=sys.stderr)
        sys.exit(1)
