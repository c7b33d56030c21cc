"""The Python client against a running ``curvebench serve`` (started by the JUnit test PythonClientTest).

Environment: CURVEBENCH_URL (a server answering for surrogate ``fixture``), CURVEBENCH_EXPECTED (a JSON file of
architectures, seeds and the curves the Java query service gives them), CURVEBENCH_MODEL and CURVEBENCH (a
surrogate file and a launcher, for Client.start). Tests whose inputs are missing skip.
"""

import json
import os
import sys
import threading
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))

import curvebench  # noqa: E402
from curvebench import client as client_module  # noqa: E402
from curvebench import Client, CurveBenchError  # noqa: E402

URL = os.environ.get("CURVEBENCH_URL")
EXPECTED = os.environ.get("CURVEBENCH_EXPECTED")


def expected():
    with open(EXPECTED) as f:
        return json.load(f)


def as_lists(curves):
    return curves.tolist() if hasattr(curves, "tolist") else curves


def float32_lists(rows):
    if client_module._np is None:
        return rows
    return client_module._np.array(rows, dtype=client_module._np.float32).tolist()


@unittest.skipUnless(URL and EXPECTED, "no server: CURVEBENCH_URL and CURVEBENCH_EXPECTED unset")
class ClientTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.client = Client(URL)
        cls.data = expected()

    @classmethod
    def tearDownClass(cls):
        cls.client.close()

    def test_health_and_surrogates(self):
        self.assertEqual("ok", self.client.health()["status"])
        listed = self.client.surrogates()
        self.assertEqual(["fixture"], [s["name"] for s in listed])
        self.assertEqual("nb201", listed[0]["manifest"]["space"])
        self.assertEqual(self.data["epochs"], listed[0]["manifest"]["epochs"])

    def test_curves_are_the_java_query_services(self):
        d = self.data
        got = self.client.curves("fixture", d["archs"], seeds=d["seeds"])
        if client_module._np is not None:
            self.assertIsInstance(got, client_module._np.ndarray)
            self.assertEqual((len(d["archs"]), d["epochs"]), got.shape)
            self.assertEqual(client_module._np.float32, got.dtype)
        self.assertEqual(float32_lists(d["curves"]), as_lists(got))

    def test_curves_without_numpy_are_lists_of_the_same_values(self):
        saved = client_module._np
        client_module._np = None
        try:
            got = self.client.curves("fixture", self.data["archs"], seeds=self.data["seeds"])
        finally:
            client_module._np = saved
        self.assertIsInstance(got, list)
        self.assertEqual(self.data["curves"], got)

    def test_metrics_key_the_curves(self):
        got = self.client.curves("fixture", self.data["archs"][:2], metrics=["val_acc"])
        self.assertEqual(["val_acc"], list(got))
        self.assertEqual(2, len(got["val_acc"]))

    def test_predict_is_shaped_like_x11(self):
        d = self.data
        i = d["seeds"].index(None)
        mean = self.client.predict(d["archs"][i], representation="arch_str", search_space="nb201")
        self.assertEqual(float32_lists([d["curves"][i]])[0], float32_lists([mean])[0])
        j = next(k for k, s in enumerate(d["seeds"]) if s is not None)
        noisy = self.client.predict(d["archs"][j], with_noise=True, seed=d["seeds"][j])
        self.assertEqual(d["curves"][j], noisy)
        self.assertEqual(d["epochs"], len(self.client.predict(d["archs"][0], with_noise=True)))
        with self.assertRaises(ValueError):
            self.client.predict(d["archs"][0], seed=3)
        with self.assertRaises(CurveBenchError):
            self.client.predict(d["archs"][0], search_space="nb101")

    def test_errors_carry_the_servers_message(self):
        archs = [self.data["archs"][0], "|nor_conv_3x3~0|+|none~0|"]
        with self.assertRaises(CurveBenchError) as e:
            self.client.curves("fixture", archs)
        self.assertEqual(400, e.exception.status)
        self.assertEqual(1, e.exception.index)
        self.assertIn("NAS-Bench-201", e.exception.message)
        with self.assertRaises(CurveBenchError) as e:
            self.client.curves("nope", archs[:1])
        self.assertEqual(404, e.exception.status)
        self.assertIn("nope", e.exception.message)
        with self.assertRaises(CurveBenchError) as e:
            self.client.curves("fixture", archs[:1], metrics=["test_acc"])
        self.assertEqual(422, e.exception.status)
        self.assertIn("test_acc", e.exception.message)
        with self.assertRaises(CurveBenchError) as e:
            self.client.curves("fixture", archs[:1], seeds=[1, 2])
        self.assertEqual(400, e.exception.status)
        # the client (and the server) carry on
        self.assertEqual("ok", self.client.health()["status"])

    def test_one_client_shared_by_threads(self):
        d = self.data
        want = float32_lists(d["curves"])
        failures = []

        def work(t):
            try:
                for k in range(10):
                    i = (t + k) % len(d["archs"])
                    got = as_lists(self.client.curves("fixture", [d["archs"][i]], seeds=[d["seeds"][i]]))
                    if got[0] != want[i]:
                        failures.append((t, k, i))
            except Exception as e:  # reported below
                failures.append(repr(e))

        threads = [threading.Thread(target=work, args=(t,)) for t in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        self.assertEqual([], failures)


@unittest.skipUnless(os.environ.get("CURVEBENCH_MODEL") and os.environ.get("CURVEBENCH"),
                     "CURVEBENCH_MODEL or CURVEBENCH (launcher) unset")
class StartTest(unittest.TestCase):

    def test_start_serves_and_stops(self):
        model = os.environ["CURVEBENCH_MODEL"]
        with Client.start([model]) as cb:
            self.assertEqual("ok", cb.health()["status"])
            self.assertEqual(["fixture"], [s["name"] for s in cb.surrogates()])
            process = cb._process
        self.assertEqual(0, process.returncode)

    def test_a_bad_model_is_reported(self):
        with self.assertRaises(CurveBenchError) as e:
            Client.start(["/nonexistent/none.cbs"])
        self.assertIn("none.cbs", e.exception.message)


class OfflineTest(unittest.TestCase):

    def test_a_server_that_is_not_there(self):
        with self.assertRaises(CurveBenchError):
            Client("http://127.0.0.1:9", timeout=5).health()

    def test_bad_url(self):
        with self.assertRaises(ValueError):
            Client("ftp://x")

    def test_exports(self):
        self.assertIs(curvebench.Client, Client)


if __name__ == "__main__":
    unittest.main()
