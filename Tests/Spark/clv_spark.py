#!/usr/bin/env python3
"""clv on Apache Spark: Spark partitions the logs by customer, `clv features` computes each
partition's feature rows, one `clv report --features` fits on the driver, and `clv score
--features -` scores every partition in parallel.

    python3 Tests/Spark/clv_spark.py --clv .build/release/clv --as-of 2026-10-01 \\
        --transactions sample-data/transactions.csv --customers sample-data/customers.csv \\
        --events sample-data/events.csv --out /tmp/clv-spark --partitions 4 --check

Outputs in --out: features/ (part files, schema clv-features/1), report/ (the report of
`clv report --features`, with model.json), predictions.csv (every customer, sorted by id,
as `clv report` writes it) and timings.json. With --check it also runs the single-machine
`clv report` on the same logs into single/ and compares the two predictions.csv byte for
byte: the driver's fit from feature rows must equal it byte for byte (predictions.csv,
backtest.csv, model.json), the parallel scores in every column but `reasons` (exit status 1
otherwise). `reasons` explains the 100 most valuable at-risk customers of each scored input,
so each partition explains its own top 100: use the report's predictions.csv for those.

Each customer's rows keep their file order inside a partition (the profile table's first
row of a customer wins, as in a single-machine run). Rows must be one line each (Spark reads
the logs as text, so a quoted field with a line break is not supported here). On a cluster:
spark-submit --master yarn --files /path/to/clv Tests/Spark/clv_spark.py --clv clv --ship ...
(the binary must run on the executors' OS: build it there, or statically).
"""
import argparse
import csv
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zlib

KINDS = ["transactions", "customers", "events"]


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--transactions", required=True)
    p.add_argument("--customers")
    p.add_argument("--events")
    p.add_argument("--as-of", required=True, help="forecast date yyyy-MM-dd (required: a partition cannot know the last date)")
    p.add_argument("--horizon", default="365d")
    p.add_argument("--seed", default="42")
    p.add_argument("--clv", required=True, help="path of the clv binary (with --ship: shipped to the executors)")
    p.add_argument("--ship", action="store_true", help="ship --clv with SparkContext.addFile (spark-submit --files)")
    p.add_argument("--out", required=True)
    p.add_argument("--master", default="local[2]")
    p.add_argument("--partitions", type=int, default=2)
    p.add_argument("--customer-column", default="customer_id")
    p.add_argument("--delimiter", default=",")
    p.add_argument("--sample-customers", type=int, help="fit on a seeded sample of this many customers")
    p.add_argument("--features-arg", action="append", default=[], help="passed to clv features (columns, formats), repeatable")
    p.add_argument("--report-arg", action="append", default=[], help="passed to clv report (models, gates), repeatable")
    p.add_argument("--check", action="store_true", help="also run the single-machine clv report and compare predictions.csv")
    return p.parse_args(argv)


def stable_partition(key, n):
    """Partition of a customer id: CRC-32 of its UTF-8 bytes (Python's str hash is salted per process)."""
    return zlib.crc32(key.encode("utf-8")) % n


def clv_binary(path, shipped):
    if shipped:
        from pyspark import SparkFiles
        return SparkFiles.get(os.path.basename(path))
    return path


def run(cmd, stdin_bytes=None):
    r = subprocess.run(cmd, input=stdin_bytes, capture_output=True)
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed with status {r.returncode}: {r.stderr.decode(errors='replace')}")
    return r.stdout


def main(argv):
    a = parse_args(argv)
    from pyspark.sql import SparkSession

    timings = {}
    t0 = time.time()
    spark = (SparkSession.builder.master(a.master).appName("clv")
             .config("spark.ui.enabled", "false").getOrCreate())
    sc = spark.sparkContext
    sc.setLogLevel("WARN")
    if a.ship:
        sc.addFile(a.clv)
    timings["spark_start_s"] = time.time() - t0
    os.makedirs(a.out, exist_ok=True)
    for d in ["features", "report"]:
        shutil.rmtree(os.path.join(a.out, d), ignore_errors=True)

    # 1. Read the logs, key every row by its customer id, keep its line number.
    t = time.time()
    headers, tagged = {}, []
    for k, kind in enumerate(KINDS):
        path = getattr(a, kind)
        if not path:
            continue
        lines = sc.textFile(path)
        header = lines.first()
        headers[kind] = header
        cols = next(csv.reader([header], delimiter=a.delimiter))
        if a.customer_column not in cols:
            raise SystemExit(f"{path}: no column '{a.customer_column}' (pass --customer-column)")
        idx, delim = cols.index(a.customer_column), a.delimiter

        def key(pair, idx=idx, delim=delim, k=k):
            line, n = pair
            fields = next(csv.reader([line], delimiter=delim), [])
            cid = fields[idx].strip() if idx < len(fields) else ""
            return (cid, (k, n, line))

        tagged.append(lines.zipWithIndex().filter(lambda p: p[1] > 0).map(key))
    rows = sc.union(tagged)

    # 2. Shuffle by customer; each partition through `clv features`.
    n, clv, ship, as_of, horizon = a.partitions, a.clv, a.ship, a.as_of, a.horizon
    features_args = list(a.features_arg) + ["--customer-column", a.customer_column]
    kinds_present = [kd for kd in KINDS if kd in headers]

    def features(index, records):
        by_kind = {kd: [] for kd in KINDS}
        for _, (k, line_no, line) in records:
            by_kind[KINDS[k]].append((line_no, line))
        if not by_kind["transactions"]:
            return iter([])  # an empty partition (or one with only profiles: see README)
        with tempfile.TemporaryDirectory() as tmp:
            cmd = [clv_binary(clv, ship), "features", "-q", "--as-of", as_of, "--horizon", horizon, "-o", "-"]
            for kd in kinds_present:
                path = os.path.join(tmp, kd + ".csv")
                with open(path, "w", encoding="utf-8") as f:
                    f.write(headers[kd] + "\n")
                    for _, line in sorted(by_kind[kd]):  # file order within the partition
                        f.write(line + "\n")
                cmd += ["--" + kd, path]
            out = run(cmd + features_args)
        return iter(out.decode("utf-8").splitlines())

    feature_lines = rows.partitionBy(n, lambda cid: stable_partition(cid, n)).mapPartitionsWithIndex(features).cache()
    features_dir = os.path.join(a.out, "features")
    feature_lines.saveAsTextFile(features_dir)
    timings["features_s"] = time.time() - t

    # 3. One fit on the driver, from the feature rows.
    t = time.time()
    report_dir = os.path.join(a.out, "report")
    cmd = [a.clv, "report", "-q", "--features", features_dir, "--horizon", a.horizon, "--seed", a.seed,
           "--out", report_dir] + a.report_arg
    if a.sample_customers:
        cmd += ["--sample-customers", str(a.sample_customers)]
    run(cmd)
    timings["fit_s"] = time.time() - t
    # Largest resident set of the driver's children so far: the fit (KiB on Linux).
    timings["driver_child_peak_rss_mib"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    # 4. Score every partition in parallel; one predictions.csv sorted by customer id.
    t = time.time()
    model = os.path.abspath(os.path.join(report_dir, "model.json"))
    if ship:
        sc.addFile(model)

    def score(records):
        lines = list(records)
        if not lines:
            return iter([])
        m = clv_binary(model, ship) if ship else model
        out = run([clv_binary(clv, ship), "score", "-q", "--model", m, "--features", "-", "-o", "-"],
                  ("\n".join(lines) + "\n").encode("utf-8"))
        return iter(out.decode("utf-8").splitlines())

    scored = feature_lines.mapPartitions(score).collect()
    header = scored[0] if scored else ""
    body = [l for l in scored if l != header]
    body.sort(key=lambda l: next(csv.reader(io.StringIO(l)))[0])
    predictions = os.path.join(a.out, "predictions.csv")
    with open(predictions, "w", encoding="utf-8", newline="") as f:
        f.write("\n".join([header] + body) + "\n")
    timings["score_s"] = time.time() - t
    timings["customers"] = len(body)
    timings["partitions"] = n
    timings["total_s"] = time.time() - t0
    spark.stop()

    status = 0
    if a.check:
        t = time.time()
        single = os.path.join(a.out, "single")
        cmd = [a.clv, "report", "-q", "--as-of", a.as_of, "--horizon", a.horizon, "--seed", a.seed, "--out", single]
        cmd += sum((["--" + kd, getattr(a, kd)] for kd in KINDS if getattr(a, kd)), [])
        run(cmd + features_args + a.report_arg)
        timings["single_machine_s"] = time.time() - t
        single_pred = os.path.join(single, "predictions.csv")
        # The driver's fit from feature rows = the single-machine run, byte for byte.
        fit_same = {f: open(os.path.join(report_dir, f), "rb").read() == open(os.path.join(single, f), "rb").read()
                    for f in ["predictions.csv", "backtest.csv", "model.json"]}
        timings["fit_from_features_identical"] = fit_same
        # Parallel scoring = the single-machine predictions in every column but `reasons`,
        # which explains the 100 most valuable at-risk customers of each scored input.
        def rows(path):
            with open(path, newline="", encoding="utf-8") as f:
                return list(csv.reader(f))
        ours, theirs = rows(predictions), rows(single_pred)
        rc = theirs[0].index("reasons")
        strip = lambda table: [r[:rc] + r[rc + 1:] for r in table]
        timings["parallel_score_identical_bytes"] = open(predictions, "rb").read() == open(single_pred, "rb").read()
        timings["parallel_score_identical_but_reasons"] = strip(ours) == strip(theirs)
        timings["parallel_score_rows_with_other_reasons"] = sum(1 for x, y in zip(ours, theirs) if x[rc] != y[rc])
        ok = all(fit_same.values()) and timings["parallel_score_identical_but_reasons"]
        status = 0 if ok else 1
    with open(os.path.join(a.out, "timings.json"), "w") as f:
        json.dump(timings, f, indent=2, sort_keys=True)
    print(json.dumps(timings, indent=2, sort_keys=True))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
