#!/usr/bin/env python3
"""clv on Apache Spark: Spark partitions the logs by customer, `clv features` computes each
partition's feature rows, one `clv report --features` fits on the driver, and `clv score
--features -` scores every partition in parallel.

    python3 spark/clv_spark.py --clv .build/release/clv --as-of 2026-10-01 \\
        --transactions sample-data/transactions.csv --customers sample-data/customers.csv \\
        --events sample-data/events.csv --out /tmp/clv-spark --partitions 4 --check

Outputs in --out: features/ (part files, schema clv-features/1), fit-rows.csv (the rows the
fit reads, drawn in Spark: below), report/ (the report of `clv report --features`, with
model.json), explain-customers.txt (the customers the report explained), predictions/ (sorted
part files: part-00000 starts with the header, so `cat predictions/part-*` in part order is
predictions.csv), predictions.csv (those parts concatenated; not with --parts-only: on a
cluster, `hdfs dfs -getmerge`) and timings.json.

What the driver holds: only fit-rows.csv (written by the executors as part files, joined on the
driver's disk) and the report's fit. Nothing is held whole in a Python process: Spark sorts each
partition (spilling to disk), the workers stream its rows into `clv features`' input files and
stream the rows through `clv score`, and the feature rows are kept on disk between the passes. The backtest's sample is drawn in Spark with clv's own rules, so the fit
reads the rows a single-machine run builds: at the cutoff every customer (or the seeded
--sample-customers sample, `FeatureRows.sampled`), at each earlier origin only the training
rows of `BacktestDataset.trainingRows` (train customers; beyond --training-rows-per-origin the
ones with the smallest per-origin id hash), and the forward rows of every customer (the
report's forward fit, segments and the reasons' background use all of them: so the report on
the driver still holds one forward row per customer and writes its own report/predictions.csv,
the limit left at scale). The parallel predictions are made on the executors, sorted by id in
Spark and never collected by the driver.

With --check it also runs the single-machine `clv report` on the same logs,
with the models the Spark run fitted, into single/, and compares byte for byte: the
driver's fit from feature rows (predictions.csv, backtest.csv, model.json) and the
parallel scores (predictions.csv); exit status 1 when any differs.

Models: `clv report --features` runs every model that can run from feature rows; the
sequence model reads each customer's weekly activity from the logs and is left out (the
report says so). The check therefore compares with the single-machine run of the same
models (`--models` = the columns of the Spark run's backtest.csv): a user who asks for the
Spark path gets those models, and the check says whether Spark changed anything.

Event columns: the driver lists the event types of the whole events input with Spark and
passes them to every partition (`clv features --event-types`), so a partition whose
customers never saw a type writes the same columns as the whole. A type seen only in rows
that `clv` quarantines (e.g. an unreadable timestamp) gets columns of zeros here and none
in a single-machine run; --check shows such a difference.

Reasons: the reasons column explains the 100 most valuable at-risk customers of all
customers (a choice across customers); the report on the driver picks them, and every
partition is scored with `clv score --explain-customers` for that list, so the parallel
predictions.csv has the report's reasons.

Each partition is sorted by customer, input and line number, so each customer's rows keep their
file order (the profile table's first row of a customer wins, as in a single-machine run). Rows
must be one line each (Spark reads the logs as text, so a quoted field with a line break is not
supported here). On a cluster:
spark-submit --master yarn --files /path/to/clv spark/clv_spark.py --clv clv --ship ...
(the binary must run on the executors' OS: build it there, or statically; --out must be a folder
the driver and the executors share, as the driver joins the part files written there).
"""
import argparse
import csv
import datetime
import io
import itertools
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time

KINDS = ["transactions", "customers", "events"]


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--transactions", required=True)
    p.add_argument("--customers")
    p.add_argument("--events")
    p.add_argument("--as-of", required=True,
                   help="forecast date yyyy-MM-dd (required: a partition cannot know the last date)")
    p.add_argument("--horizon", default="365d")
    p.add_argument("--seed", default="42")
    p.add_argument("--clv", required=True, help="path of the clv binary (with --ship: shipped to the executors)")
    p.add_argument("--ship", action="store_true", help="ship --clv with SparkContext.addFile (spark-submit --files)")
    p.add_argument("--out", required=True)
    p.add_argument("--master", default="local[2]")
    p.add_argument("--partitions", type=int, default=2)
    p.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE",
                   help="a Spark setting, repeatable (e.g. spark.driver.memory=4g)")
    p.add_argument("--customer-column", default="customer_id")
    p.add_argument("--event-type-column", help="event type column of --events (default: event_type)")
    p.add_argument("--delimiter", default=",")
    p.add_argument("--sample-customers", type=int,
                   help="backtest and fit on a seeded sample of this many customers (drawn in Spark)")
    p.add_argument("--split", default="0.7/0.15/0.15", help="train/validation/test fractions (clv report --split)")
    p.add_argument("--training-rows-per-origin", type=int, default=50000,
                   help="most training rows per backtest origin, a seeded sample beyond, drawn in Spark "
                        "(clv report --training-rows-per-origin; its default)")
    p.add_argument("--parts-only", action="store_true",
                   help="write the predictions as sorted part files only (predictions/), not predictions.csv")
    p.add_argument("--features-arg", action="append", default=[],
                   help="passed to clv features and the check's clv report (columns, formats), repeatable; "
                        "write --features-arg=--flag")
    p.add_argument("--report-arg", action="append", default=[], help="passed to clv report (models, gates), repeatable")
    p.add_argument("--features-only", action="store_true", help="stop after writing the feature rows to --out/features")
    p.add_argument("--check", action="store_true",
                   help="also run the single-machine clv report with the same models and compare the files")
    a = p.parse_args(argv)
    for flag in ["--seed", "--split", "--training-rows-per-origin", "--sample-customers"]:
        if any(r == flag or r.startswith(flag + "=") for r in a.report_arg):
            p.error(f"pass {flag} to the driver, not as --report-arg (the driver draws the same samples in Spark)")
    if a.parts_only and a.check:
        p.error("--check compares predictions.csv: leave out --parts-only")
    return a


MASK = (1 << 64) - 1
EPOCH = datetime.date(1970, 1, 1)


def fnv1a(cid):
    """FNV-1a (64-bit) of the id's UTF-8 bytes: the first step of clv's `SplitAssigner.unitHash`."""
    h = 0xCBF29CE484222325
    for b in cid.encode("utf-8"):
        h = ((h ^ b) * 0x100000001B3) & MASK
    return h


def unit_key(h, seed):
    """`SplitAssigner(seed:).unitHash` of an id with FNV-1a `h`, as the integer u·2⁵³ (exact; u = key·2⁻⁵³):
    the hash mixed with the seed and finished with the SplitMix64 finaliser, top 53 bits."""
    z = h ^ ((seed + 0x9E3779B97F4A7C15) & MASK)
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return (z ^ (z >> 31)) >> 11


def sample_seed(seed):
    """Seed of `FeatureRows.sampled(customers:seed:)` (`--sample-customers`): seed &+ "SAMPLE"."""
    return (seed + 0x53414D504C45) & MASK


def origin_seed(seed, origin_day):
    """Seed of `BacktestDataset.trainingRows` at an origin (days since 1970-01-01, as Int32's bit pattern)."""
    return seed ^ (0x7A115A3F00000000 | (origin_day & 0xFFFFFFFF))


def train_fraction(split):
    """The train fraction of `--split` as `SplitAssigner(parsing:)` computes it (a/total)."""
    parts = [float(x) for x in split.split("/")]
    if len(parts) != 3 or any(x < 0 for x in parts) or parts[0] <= 0:
        raise SystemExit(f"--split {split}: expected three fractions such as 0.7/0.15/0.15")
    total = 0.0
    for x in parts:
        total += x
    return parts[0] / total


def row_head(line):
    """(kind, customer id, origin) of a feature row (clv-features/1: kind, customer_id, as_of, horizon, origin)."""
    if '"' in line:
        f = next(csv.reader([line]), [])
    else:
        f = line.split(",", 5)
    return f[0], (f[1] if len(f) > 1 else ""), (f[4] if len(f) > 4 else "")


def smallest(k, total, keyed):
    """The k-th smallest (key, id) of the `total` pairs that `keyed(limit)` gives below a key limit (keys are
    uniform 53-bit integers): a limit a little above k/total·2⁵³ brings ~k pairs to the driver, raised until
    at least k are below it. Exact: the k-th of all equals the k-th of those below any limit that holds k."""
    room = 1 << 53
    frac = min(1.0, (k + 6 * k ** 0.5 + 10) / max(total, 1))
    while True:
        limit = room if frac >= 1.0 else int(frac * room) + 1
        got = keyed(limit)
        if len(got) >= k or limit >= room:
            got.sort()
            return got[k - 1]
        frac = min(1.0, frac * 2)


def clv_binary(path, shipped):
    if shipped:
        from pyspark import SparkFiles
        return SparkFiles.get(os.path.basename(path))
    return path


def event_types(sc, path, header, delimiter, customer_column, type_column):
    """The distinct event types of the events file (trimmed, non-empty, with a customer id), sorted."""
    cols = next(csv.reader([header], delimiter=delimiter))
    if type_column not in cols:
        raise SystemExit(f"{path}: no column '{type_column}' (pass --event-type-column)")
    idx, tdx = cols.index(customer_column), cols.index(type_column)

    def typ(line):
        f = next(csv.reader([line], delimiter=delimiter), [])
        if len(f) != len(cols) or not f[idx].strip():
            return None
        return f[tdx].strip() or None

    lines = sc.textFile(path)
    types = sorted(lines.filter(lambda l: l != header).map(typ).filter(lambda t: t is not None).distinct().collect())
    bad = [t for t in types if "," in t]
    if bad:
        raise SystemExit(f"{path}: event type '{bad[0]}' holds a comma, which --event-types cannot list")
    return types


def fitted_models(backtest_csv):
    """The model keys of a backtest.csv (its columns after customer_id, split, actual)."""
    with open(backtest_csv, newline="", encoding="utf-8") as f:
        return next(csv.reader(f))[3:]


def first_difference(a, b):
    """The first line where two text files differ: its number and both lines (cut to 300 characters)."""
    with open(a, encoding="utf-8") as fa, open(b, encoding="utf-8") as fb:
        for n, (x, y) in enumerate(zip(fa, fb), 1):
            if x != y:
                return {"line": n, "spark": x[:300], "single": y[:300]}
    return {"line": None, "note": "one file is a prefix of the other"}


def write_atomically(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    os.replace(tmp, path)


def piped(cmd, lines=None):
    """Runs `cmd` and yields its standard output line by line (without the line feed) as it comes, while a
    thread writes `lines` (strings without line ends; None: no input) to its standard input, so neither side
    is held whole (as `RDD.pipe` does). Raises RuntimeError with the end of its stderr when it fails."""
    with tempfile.TemporaryFile() as err:
        p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL if lines is None else subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=err)
        failed = []

        def feed():
            try:
                with p.stdin:
                    for line in lines:
                        p.stdin.write(line.encode("utf-8") + b"\n")
            except BrokenPipeError:
                pass  # the child stopped reading: its exit status says why
            except BaseException as e:  # the input failed: report it, not a child's complaint
                failed.append(e)

        feeder = None
        if lines is not None:
            feeder = threading.Thread(target=feed, daemon=True)
            feeder.start()
        with p.stdout:
            for raw in p.stdout:
                yield raw[:-1].decode("utf-8") if raw.endswith(b"\n") else raw.decode("utf-8")
        status = p.wait()
        if feeder is not None:
            feeder.join()
        if failed:
            raise failed[0]
        if status != 0:
            err.seek(0)
            raise RuntimeError(f"{' '.join(cmd)} failed with status {status}: "
                               f"{err.read()[-4000:].decode(errors='replace')}")


def run(cmd, stdin_bytes=None):
    r = subprocess.run(cmd, input=stdin_bytes, capture_output=True)
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed with status {r.returncode}: {r.stderr.decode(errors='replace')}")
    return r.stdout


def main(argv):
    a = parse_args(argv)
    from pyspark import StorageLevel
    from pyspark.sql import SparkSession
    from pyspark.sql.types import IntegerType, LongType, StringType, StructField, StructType

    timings = {}
    t0 = time.time()
    builder = (SparkSession.builder.master(a.master).appName("clv")
               .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false"))
    for kv in a.conf:
        key, sep, value = kv.partition("=")
        if not sep:
            raise SystemExit(f"--conf {kv}: expected KEY=VALUE")
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("WARN")
    if a.ship:
        sc.addFile(a.clv)
    timings["spark_start_s"] = time.time() - t0
    if os.path.isdir(a.out) and os.listdir(a.out) and not os.path.exists(os.path.join(a.out, "timings.json")):
        raise SystemExit(f"{a.out} is not empty and not an earlier clv_spark.py output (no timings.json): "
                         "pass a new --out")
    os.makedirs(a.out, exist_ok=True)
    for d in ["features", "fit-rows", "report", "predictions"]:
        shutil.rmtree(os.path.join(a.out, d), ignore_errors=True)

    # 1. Read the logs; every row with its customer id, input and line number.
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
            line, number = pair
            fields = next(csv.reader([line], delimiter=delim), [])
            cid = fields[idx].strip() if idx < len(fields) else ""
            return (cid, k, number, line)

        tagged.append(lines.zipWithIndex().filter(lambda p: p[1] > 0).map(key))
    schema = StructType([StructField("cid", StringType(), False), StructField("k", IntegerType(), False),
                         StructField("n", LongType(), False), StructField("line", StringType(), False)])
    rows = spark.createDataFrame(sc.union(tagged), schema, verifySchema=False)

    # 2. Shuffle by customer (Spark's hash partitioning of the id), sort each partition by customer, input and
    # line in Spark (spilling to disk as needed), and stream each partition through `clv features`.
    n, clv, ship, as_of, horizon = a.partitions, a.clv, a.ship, a.as_of, a.horizon
    features_args = list(a.features_arg) + ["--customer-column", a.customer_column]
    if a.event_type_column:
        features_args += ["--event-type-column", a.event_type_column]
    kinds_present = [kd for kd in KINDS if kd in headers]
    # The event types of the whole input: every partition writes their columns.
    event_args = []
    if "events" in headers:
        types = event_types(sc, a.events, headers["events"], a.delimiter, a.customer_column,
                            a.event_type_column or "event_type")
        timings["event_types"] = types
        if types:
            event_args = ["--event-types", ",".join(types)]

    def features(index, records):
        """The partition's rows (sorted: each customer's rows of each input in file order) written to one file
        per input as they come, then `clv features` on them, its output streamed."""
        with tempfile.TemporaryDirectory() as tmp:
            cmd = [clv_binary(clv, ship), "features", "-q", "--as-of", as_of, "--horizon", horizon, "-o", "-"]
            files, transactions = [None] * len(KINDS), 0
            try:
                for k, kd in enumerate(KINDS):
                    if kd in kinds_present:
                        path = os.path.join(tmp, kd + ".csv")
                        files[k] = open(path, "w", encoding="utf-8", buffering=1 << 20)
                        files[k].write(headers[kd] + "\n")
                        cmd += ["--" + kd, path]
                for r in records:
                    files[r[1]].write(r[3] + "\n")
                    transactions += r[1] == 0
            finally:
                for f in files:
                    if f is not None:
                        f.close()
            if not transactions:
                return  # an empty partition (or one with only profiles: see README)
            yield from piped(cmd + features_args + event_args)

    # Kept on disk for the sampling and scoring passes (not in the JVM's heap).
    feature_lines = (rows.repartition(n, "cid").sortWithinPartitions("cid", "k", "n").rdd
                     .mapPartitionsWithIndex(features).persist(StorageLevel.DISK_ONLY))
    features_dir = os.path.join(a.out, "features")
    feature_lines.saveAsTextFile(features_dir)
    timings["features_s"] = time.time() - t
    timings["partitions"] = n
    if a.features_only:
        spark.stop()
        timings["total_s"] = time.time() - t0
        return finish(a.out, timings, 0)

    # 3. The rows the fit needs, drawn in Spark; the driver collects only these. Forward rows: all (the
    # report's forward fit, segments and reasons' background use every customer, as on one machine). At the
    # cutoff: every customer, or the --sample-customers sample (`FeatureRows.sampled`: the n smallest seeded
    # id hashes). At each earlier origin: only the training rows of `BacktestDataset.trainingRows` (the
    # train customers, beyond --training-rows-per-origin the ones with the smallest per-origin hash), the
    # rows the single-machine run builds there. The report then finds the same rows and draws nothing more.
    t = time.time()
    seed, train_u, cap = int(a.seed) & MASK, train_fraction(a.split), a.training_rows_per_origin
    sseed = sample_seed(seed)

    def backtest_meta(lines):
        for line in lines:
            kind, cid, origin = row_head(line)
            if kind == "backtest":
                yield (datetime.date.fromisoformat(origin) - EPOCH).days, cid, fnv1a(cid)

    meta = feature_lines.mapPartitions(backtest_meta).persist(StorageLevel.DISK_ONLY)
    sample_limit = None
    if a.sample_customers:
        # A customer's rows are all in one partition: distinct ids per partition are distinct overall.
        ids = meta.mapPartitions(lambda it: iter({(unit_key(h, sseed), cid) for _, cid, h in it}))
        total_ids = ids.count()
        if total_ids > a.sample_customers:
            sample_limit = smallest(a.sample_customers, total_ids,
                                    lambda lim: ids.filter(lambda p: p[0] < lim).collect())
        timings["sample_customers_of"] = total_ids

    def in_sample(cid, h):
        return sample_limit is None or (unit_key(h, sseed), cid) <= sample_limit

    def is_train(h):
        return float(unit_key(h, seed)) * 2.0 ** -53 < train_u

    stats = meta.map(lambda r: (r[0], in_sample(r[1], r[2]) and is_train(r[2]))).countByValue()
    origins = sorted({o for o, _ in stats}, reverse=True)
    cutoff = origins[0] if origins else None
    available = {o: stats.get((o, True), 0) for o in origins}
    limits = {}
    for o in origins[1:]:
        if available[o] > cap:
            oseed = origin_seed(seed, o)
            limits[o] = smallest(cap, available[o], lambda lim, o=o, oseed=oseed: (
                meta.filter(lambda r: r[0] == o and in_sample(r[1], r[2]) and is_train(r[2]))
                .map(lambda r: (unit_key(r[2], oseed), r[1])).filter(lambda p: p[0] < lim).collect()))
    meta.unpersist()

    def fit_row(line):
        kind, cid, origin = row_head(line)
        if kind != "backtest":
            return True  # the header, span and forward rows
        h = fnv1a(cid)
        if not in_sample(cid, h):
            return False
        day = (datetime.date.fromisoformat(origin) - EPOCH).days
        if day == cutoff:
            return True
        if not is_train(h):
            return False
        limit = limits.get(day)
        return limit is None or (unit_key(h, origin_seed(seed, day)), cid) <= limit

    # Written by the executors as part files and joined on the driver's disk: never a task result in the JVM
    # (one partition's fit rows as one result ran out of a 4 GB heap at 10M rows) nor held by the driver.
    fit_rows, fit_dir = os.path.join(a.out, "fit-rows.csv"), os.path.join(a.out, "fit-rows")
    feature_lines.filter(fit_row).saveAsTextFile(fit_dir)
    collected = concatenate_parts(fit_dir, fit_rows)
    shutil.rmtree(fit_dir)
    timings["sample_s"] = time.time() - t
    timings["fit_rows_collected"] = collected
    iso = {o: datetime.date.fromordinal(EPOCH.toordinal() + o).isoformat() for o in origins}
    timings["training_rows_available"] = {iso[o]: available[o] for o in origins}

    # 4. One fit on the driver, from those rows.
    t = time.time()
    report_dir = os.path.join(a.out, "report")
    fit_args = ["--horizon", a.horizon, "--seed", a.seed, "--split", a.split,
                "--training-rows-per-origin", str(cap)]
    cmd = [a.clv, "report", "-q", "--features", fit_rows, "--out", report_dir] + fit_args + a.report_arg
    if a.sample_customers:
        cmd += ["--sample-customers", str(a.sample_customers)]
    if len(origins) > 1:  # the earlier origins hold only their training sample: say how many there were
        cmd += ["--training-rows-available", ",".join(f"{iso[o]}={available[o]}" for o in origins[1:])]
    run(cmd)
    # The customers the report explained (its watch-list): every partition explains these.
    explain = os.path.abspath(os.path.join(a.out, "explain-customers.txt"))
    with open(os.path.join(report_dir, "predictions.csv"), newline="", encoding="utf-8") as f:
        header = f.readline().rstrip("\r\n")
        rc = next(csv.reader([header])).index("reasons")
        explained = [r[0] for r in csv.reader(f) if r[rc]]
    write_atomically(explain, "".join(i + "\n" for i in explained))
    timings["fit_s"] = time.time() - t
    # Largest resident set of the driver's children so far: the fit (KiB on Linux).
    timings["driver_child_peak_rss_mib"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    # 5. Score every partition on the executors (their forward rows), sort by customer id in Spark and write
    # sorted part files: part-00000 starts with the header, so the parts concatenated in order are one
    # predictions.csv. The driver never holds the predictions.
    t = time.time()
    model = os.path.abspath(os.path.join(report_dir, "model.json"))
    if ship:
        sc.addFile(model)
        sc.addFile(explain)

    def score(records):
        """The partition's header, span and forward rows streamed through `clv score` (nothing when it has no
        forward row), each prediction keyed by (1, customer id) for the sort."""
        records, head, first = iter(records), [], None
        for line in records:  # the rows before the first forward row: keep the header and span rows
            kind = row_head(line)[0]
            if kind == "forward":
                first = line
                break
            if kind != "backtest":
                head.append(line)
        if first is None:
            return
        rest = (line for line in records if row_head(line)[0] != "backtest")
        m, e = (clv_binary(model, ship), clv_binary(explain, ship)) if ship else (model, explain)
        out = piped([clv_binary(clv, ship), "score", "-q", "--model", m, "--explain-customers", e,
                     "--features", "-", "-o", "-"], itertools.chain(head, [first], rest))
        got = next(out, None)
        if got != header:
            raise RuntimeError(f"clv score wrote the header {got!r}, the report {header!r}")
        for l in out:
            yield (1, l.split(",", 1)[0] if '"' not in l else next(csv.reader([l]))[0]), l

    scored = feature_lines.mapPartitions(score).persist(StorageLevel.DISK_ONLY)
    customers = scored.count()
    predictions_dir = os.path.join(a.out, "predictions")
    shutil.rmtree(predictions_dir, ignore_errors=True)
    (sc.parallelize([((0, ""), header)], 1).union(scored).sortByKey(numPartitions=n).values()
     .saveAsTextFile(predictions_dir))
    scored.unpersist()
    timings["score_s"] = time.time() - t
    timings["customers"] = customers
    predictions = os.path.join(a.out, "predictions.csv")
    if not a.parts_only:
        t = time.time()
        concatenate_parts(predictions_dir, predictions)
        timings["concatenate_s"] = time.time() - t
    timings["total_s"] = time.time() - t0
    spark.stop()

    status = 0
    if a.check:
        t = time.time()
        single = os.path.join(a.out, "single")
        cmd = [a.clv, "report", "-q", "--as-of", a.as_of, "--out", single] + fit_args
        cmd += sum((["--" + kd, getattr(a, kd)] for kd in KINDS if getattr(a, kd)), [])
        if "--models" not in a.report_arg:
            cmd += ["--models"] + fitted_models(os.path.join(report_dir, "backtest.csv"))
        run(cmd + features_args + a.report_arg)
        timings["single_machine_s"] = time.time() - t
        single_pred = os.path.join(single, "predictions.csv")
        # The driver's fit from feature rows = the single-machine run, byte for byte.
        fit_same = {f: open(os.path.join(report_dir, f), "rb").read() == open(os.path.join(single, f), "rb").read()
                    for f in ["predictions.csv", "backtest.csv", "model.json"]}
        timings["fit_from_features_identical"] = fit_same
        # Parallel scoring = the single-machine predictions.csv, reasons included.
        same = open(predictions, "rb").read() == open(single_pred, "rb").read()
        timings["parallel_score_identical_bytes"] = same
        if not same:
            timings["parallel_score_first_difference"] = first_difference(predictions, single_pred)
        status = 0 if all(fit_same.values()) and same else 1
    return finish(a.out, timings, status)


def part_number(name):
    """The number of a Spark part file (`part-00012` → 12; wider beyond 99,999 parts), else None."""
    stem = name[len("part-"):] if name.startswith("part-") else ""
    return int(stem) if stem.isdigit() else None


def concatenate_parts(folder, path):
    """Writes the part files of `folder` one after the other, in part order, to `path` (atomically), in 1 MiB
    pieces. Returns the number of lines written."""
    parts = sorted((part_number(p), p) for p in os.listdir(folder) if part_number(p) is not None)
    tmp, lines = path + ".tmp", 0
    with open(tmp, "wb") as out:
        for _, p in parts:
            with open(os.path.join(folder, p), "rb") as f:
                while piece := f.read(1 << 20):
                    out.write(piece)
                    lines += piece.count(b"\n")
    os.replace(tmp, path)
    return lines


def finish(out, timings, status):
    """Writes timings.json in `out`, prints it, returns `status`."""
    text = json.dumps(timings, indent=2, sort_keys=True)
    write_atomically(os.path.join(out, "timings.json"), text + "\n")
    print(text)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
