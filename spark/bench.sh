#!/usr/bin/env bash
# Measures one run of spark/clv_spark.py: wall time and peak memory of the driver and of its whole
# process tree (driver Python, the JVM, the Python workers, every `clv` child).
#
#   spark/bench.sh NAME [clv_spark.py arguments...]
#
# Writes /work/logs/spark-NAME.log (or $BENCH_LOG_DIR/spark-NAME.log): `uptime` before and after,
# the driver's `/usr/bin/time -v` (its own and its waited-for children's figures only: not the JVM),
# and a sampler's summary: the largest summed RSS of the tree (with its make-up by command name) and
# of the JVM alone, and the CPU seconds summed over every process seen (each process's last
# utime+stime sample; processes that live less than one sampling period are missed, so the sum is a
# lower bound). Sampling every
# $BENCH_PERIOD seconds (default 0.5) from /proc. The driver's timings.json is in its --out.
set -euo pipefail
name=${1:?usage: spark/bench.sh NAME [clv_spark.py arguments...]}
shift
here=$(cd "$(dirname "$0")" && pwd)
python=${CLV_SPARK_PYTHON:-python3}
log=${BENCH_LOG_DIR:-/work/logs}/spark-$name.log
period=${BENCH_PERIOD:-0.5}
mkdir -p "$(dirname "$log")"
{
  echo "# spark/bench.sh $name, $(date -u +%FT%TZ), $(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "# args: $*"
  echo "# uptime start: $(uptime)"
} >"$log"

/usr/bin/time -v -o "$log.time" "$python" "$here/clv_spark.py" "$@" >"$log.out" 2>"$log.err" &
root=$!

# The sampler: the tree under `root` (the time process), every period, from /proc.
"$python" - "$root" "$period" >"$log.sampler" <<'EOF' &
import os, sys, time
root, period = int(sys.argv[1]), float(sys.argv[2])
tick = os.sysconf("SC_CLK_TCK")
page = os.sysconf("SC_PAGE_SIZE")
cpu, peak_tree, peak_jvm, peak_at, peak_parts, samples = {}, 0, 0, 0.0, {}, 0
t0 = time.time()
def stat(pid):
    with open(f"/proc/{pid}/stat") as f:
        s = f.read()
    rest = s[s.rindex(")") + 2:].split()
    return int(rest[1]), int(rest[11]) + int(rest[12]), int(rest[21]) * page  # ppid, utime+stime, rss
while os.path.exists(f"/proc/{root}"):
    procs = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                procs[int(d)] = stat(int(d))
            except (OSError, ValueError, IndexError):
                pass
    children = {}
    for pid, (ppid, _, _) in procs.items():
        children.setdefault(ppid, []).append(pid)
    tree, todo = [], [root]
    while todo:
        p = todo.pop()
        if p in procs:
            tree.append(p)
            todo += children.get(p, [])
    rss = sum(procs[p][2] for p in tree)
    jvm, parts = 0, {}
    for p in tree:
        cpu[(p, procs[p][0])] = procs[p][1] / tick
        try:
            with open(f"/proc/{p}/comm") as f:
                comm = f.read().strip()
        except OSError:
            comm = "?"
        if comm == "java":
            jvm += procs[p][2]
        n, r = parts.get(comm, (0, 0))
        parts[comm] = (n + 1, r + procs[p][2])
    if rss > peak_tree:
        peak_tree, peak_at, peak_parts = rss, time.time() - t0, parts
    peak_jvm = max(peak_jvm, jvm)
    samples += 1
    time.sleep(period)
mib = 1 << 20
print(f"tree peak RSS: {peak_tree / mib:,.0f} MiB (at {peak_at:.0f} s)")
print("  at the peak (command: processes, summed RSS; pages shared by forked workers count in each): "
      + ", ".join(f"{c}: {n}, {r / mib:,.0f} MiB" for c, (n, r) in sorted(peak_parts.items(), key=lambda kv: -kv[1][1])))
print(f"JVM peak RSS: {peak_jvm / mib:,.0f} MiB")
print(f"tree CPU (sum over processes seen, lower bound): {sum(cpu.values()):,.1f} s")
print(f"samples: {samples} over {time.time() - t0:.0f} s")
EOF
sampler=$!
status=0
wait "$root" || status=$?
wait "$sampler" || true
{
  echo "# uptime end: $(uptime)"
  echo "# exit status: $status"
  cat "$log.sampler"
  grep -E "Elapsed|Maximum resident|User time|System time" "$log.time" || true
  echo "# driver stdout (timings.json):"
  cat "$log.out"
  echo "# driver stderr (last 20 lines):"
  tail -20 "$log.err"
} >>"$log"
rm -f "$log.sampler" "$log.time"
cat "$log"
exit "$status"
