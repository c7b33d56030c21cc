"""CurveBench from Python: a client of ``curvebench serve`` (standard library only; numpy used when installed).

    from curvebench import Client
    with Client.start(["nb201.cbs"]) as cb:
        curves = cb.curves("nb201", ["|nor_conv_3x3~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_1x1~1|none~2|"])
"""

from .client import Client, CurveBenchError

__all__ = ["Client", "CurveBenchError"]
