#!/usr/bin/env python3
"""Pools' process pool against Python's ProcessPoolExecutor, on the shapes users submit.

Runs, alternating, for a number of rounds:
  * the JMH benchmarks FreshPoolBenchmark and SteadyPoolBenchmark (a Boot application
    whose pool is declared under pools.process.*, as many workers as cores), and
  * the same shapes on concurrent.futures.ProcessPoolExecutor(max_workers=cores):
    capturing tasks with an argument and a result, sequential round trips, submit-all
    then wait, and map over boxed integers in chunks of 1,000, each on a fresh pool
    (worker start included) and on a pool that has run 50,000 tasks. Pools' fresh shapes
    run twice: as configured by default, and with class-data-directory set after an
    earlier run of the application left its workers' class-data archive there.
Prints one Markdown table: microseconds per task (per item for map), lower is better,
and Python / Pools: above 1, Pools is faster.

Usage, from the repository root after `mvn -B package -DskipTests`:
    python3 benchmarks/compare-with-python.py [--rounds 3] [--fresh-forks 5]
Needs only python3 and java; no extra packages.
"""

import argparse
import concurrent.futures as cf
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial

FRESH_TASKS = 3_000
WARM_UP_TASKS = 50_000
SUBMIT_ALL = 20_000
MAP_ITEMS = 100_000
CHUNK_SIZE = 1_000
WORKERS = os.cpu_count()
JAR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "target", "benchmarks.jar")


def identity(x):
    return x


def add(offset, v):
    return v + offset


def round_trips(pool, count):
    for i in range(count):
        assert pool.submit(identity, i).result() == i


def submit_all(pool, count):
    futures = [pool.submit(identity, i) for i in range(count)]
    for i, future in enumerate(futures):
        assert future.result() == i


def map_items(pool, offset):
    results = list(pool.map(partial(add, offset), range(MAP_ITEMS), chunksize=CHUNK_SIZE))
    assert results[-1] == MAP_ITEMS - 1 + offset


def python_fresh(shape, forks):
    """Microseconds per task of a shape on a new executor, worker start included."""
    samples = []
    for _ in range(forks):
        start = time.perf_counter()
        with cf.ProcessPoolExecutor(max_workers=WORKERS) as pool:
            if shape == "map":
                map_items(pool, 1)
                count = MAP_ITEMS
            elif shape == "roundTrips":
                round_trips(pool, FRESH_TASKS)
                count = FRESH_TASKS
            else:
                submit_all(pool, FRESH_TASKS)
                count = FRESH_TASKS
            elapsed = time.perf_counter() - start
        samples.append(elapsed * 1e6 / count)
    return statistics.mean(samples)


def python_steady():
    """Microseconds per task of each shape on an executor that has run 50,000 tasks."""
    results = {}
    with cf.ProcessPoolExecutor(max_workers=WORKERS) as pool:
        round_trips(pool, WARM_UP_TASKS)
        for name, run, count, repeats in (
                ("roundTrip", lambda: round_trips(pool, 20_000), 20_000, 3),
                ("submitAll", lambda: submit_all(pool, SUBMIT_ALL), SUBMIT_ALL, 3),
                ("map", lambda: map_items(pool, 2), MAP_ITEMS, 5)):
            samples = []
            for _ in range(repeats):
                start = time.perf_counter()
                run()
                samples.append((time.perf_counter() - start) * 1e6 / count)
            results[name] = statistics.mean(samples)
    return results


def jmh(path, *args):
    subprocess.run(["java", "-jar", JAR, *args, "-rf", "json", "-rff", path], check=True,
                   stdout=subprocess.DEVNULL)
    with open(path) as f:
        return json.load(f)


def pools(fresh_forks):
    """Microseconds per task of each shape, from one JMH run."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as out:
        path = out.name
    try:
        fresh = jmh(path, "shapes.FreshPoolBenchmark", "-f", str(fresh_forks))
        steady = jmh(path, "shapes.SteadyPoolBenchmark")
    finally:
        os.unlink(path)
    results = {}
    for run in fresh:
        shape = run["params"]["shape"]
        count = MAP_ITEMS if shape == "map" else FRESH_TASKS
        suffix = " archive" if run["params"]["classData"] == "archive" else ""
        results["fresh " + shape + suffix] = run["primaryMetric"]["score"] * 1000 / count  # ms per shot
    for run in steady:
        results["steady " + run["benchmark"].rsplit(".", 1)[1]] = run["primaryMetric"]["score"]
    return results


ROWS = [
    ("fresh roundTrips", "first 3,000 sequential round trips, fresh pool"),
    ("fresh submitAll", "first 3,000 tasks submitted at once, fresh pool"),
    ("fresh map", "first `map` of 100,000 items (chunks of 1,000), fresh pool"),
    ("fresh roundTrips archive", "first 3,000 sequential round trips, fresh pool, `class-data-directory` set"),
    ("fresh submitAll archive", "first 3,000 tasks submitted at once, fresh pool, `class-data-directory` set"),
    ("fresh map archive", "first `map` of 100,000 items, fresh pool, `class-data-directory` set"),
    ("steady roundTrip", "sequential round trip, after 50,000 tasks"),
    ("steady submitAll", "20,000 tasks submitted at once, after 50,000 tasks"),
    ("steady map", "`map` of 100,000 items (chunks of 1,000), after 50,000 tasks"),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--fresh-forks", type=int, default=5)
    args = parser.parse_args()
    if not os.path.exists(JAR):
        sys.exit(f"{JAR} not found: run `mvn -B package -DskipTests` first")
    java_runs, python_runs = [], []
    for round_number in range(1, args.rounds + 1):
        print(f"round {round_number}: Pools", file=sys.stderr)
        java_runs.append(pools(args.fresh_forks))
        print(f"round {round_number}: Python", file=sys.stderr)
        python = {"fresh " + shape: python_fresh(shape, args.fresh_forks)
                  for shape in ("roundTrips", "submitAll", "map")}
        python.update({"steady " + name: value for name, value in python_steady().items()})
        python_runs.append(python)
    print(f"{WORKERS} workers, {args.rounds} rounds; microseconds per task (per item for map), "
          "lowest and highest round; Python / Pools from the means (above 1: Pools is faster)\n")
    print("| shape | Pools | Python | Python / Pools |")
    print("|---|---|---|---|")
    for key, label in ROWS:
        java = [run[key] for run in java_runs]
        # Python has no class-data archive: its fresh figure is the same with or without.
        python = [run[key.removesuffix(" archive")] for run in python_runs]
        ratio = statistics.mean(python) / statistics.mean(java)
        print(f"| {label} | {span(java)} | {span(python)} | **{ratio:.2f}×** |")


def span(values):
    low, high = min(values), max(values)
    return f"{low:.2f}" if f"{low:.2f}" == f"{high:.2f}" else f"{low:.2f}–{high:.2f}"


if __name__ == "__main__":
    main()
