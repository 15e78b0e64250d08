"""Run the template's test suite and print the CPU time each test module takes, its tools' processes included.

    uv run python benchmarks/suite_cpu.py [pytest arguments ...]

Wall time depends on how busy this shared machine is; CPU time (user + system, of the test and every
process it ran and waited for) much less. The suite's CPU total, against what two cores give in a
given time, says how fast it can be at best. This file is also the pytest plugin (`-p suite_cpu`)
that each xdist worker loads to record its tests.
"""

from __future__ import annotations

import collections
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

RECORDS = "SUITE_CPU_RECORDS"  # the directory each worker writes its records to


def cpu_seconds() -> float:
    """Return the CPU time of this process and of the children it has waited for."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item):
    """Record one test's CPU and wall time, setup and teardown included."""
    cpu, wall = cpu_seconds(), time.perf_counter()
    yield
    record = {"test": item.nodeid, "cpu": cpu_seconds() - cpu, "wall": time.perf_counter() - wall}
    with (Path(os.environ[RECORDS]) / f"{os.getpid()}.jsonl").open("a", encoding="utf-8") as out:
        out.write(json.dumps(record) + "\n")


def main() -> None:
    """Run pytest with this plugin in every worker, then print CPU seconds per module, largest first."""
    with tempfile.TemporaryDirectory(prefix="suite-cpu-") as records:
        env = os.environ | {RECORDS: records, "PYTHONPATH": str(Path(__file__).parent)}
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "pytest", "-p", "suite_cpu", *sys.argv[1:]], env=env, check=False)
        wall = time.perf_counter() - start
        rows = [json.loads(line) for path in Path(records).glob("*.jsonl") for line in path.open(encoding="utf-8")]
    by_module: collections.Counter[str] = collections.Counter()
    for row in rows:
        by_module[row["test"].split("::")[0]] += row["cpu"]
    total, cores = sum(by_module.values()), os.cpu_count() or 1
    print(
        f"\n{len(rows)} tests: {total:.0f} s of CPU in {wall:.0f} s, in which {cores} cores give {wall * cores:.0f} s"
    )
    for module, seconds in by_module.most_common():
        print(f"{seconds:8.1f} s {seconds / total:6.1%}  {module}")
    sys.exit(done.returncode)


if __name__ == "__main__":
    main()
