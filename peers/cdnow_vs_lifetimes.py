"""CDNOW (full, 23,570 customers): clv's backtest beside lifetimes' BG/NBD + Gamma-Gamma.

Fits lifetimes (Davidson-Pilon, PyPI `lifetimes` 0.11.3) on the transactions before clv's
backtest cutoff, predicts each customer's spend in the label window (expected purchases in
the window x Gamma-Gamma expected average order value), and scores it and every clv
candidate from `backtest.csv` on clv's own test customers with metrics computed here
(numpy only, the definitions of Wang, Liu & Miao 2019 as in clv's reference), so clv's
numbers are checked independently too.

Usage (a venv with lifetimes, pandas, numpy; not part of the Swift build):

    python peers/cdnow_vs_lifetimes.py --master CDNOW_master.txt --csv /tmp/cdnow_full.csv
    clv report --transactions /tmp/cdnow_full.csv --date-column date --as-of 1998-07-01 \
        --horizon 39w --out /tmp/cdnow-report
    python peers/cdnow_vs_lifetimes.py --master CDNOW_master.txt --backtest /tmp/cdnow-report/backtest.csv

The first call only writes the CSV clv reads (customer_id,date,cds,amount). With `--json FILE`
the scores table is also written as JSON ({"lifetimes": {...}, "clv": {key: {...}}}), which
`CDNOWFullBenchmarkTests` reads when `CLV_PEER_PYTHON` names a Python with lifetimes.
"""
import argparse
import json
import sys

import numpy as np
import pandas as pd


def read_master(path):
    df = pd.read_csv(path, sep=r"\s+", header=0, names=["customer_id", "date", "cds", "amount"], dtype=str)
    df["amount"] = df["amount"].astype(float)
    df["cds"] = df["cds"].astype(int)
    return df


def normalized_gini(y, p):
    y = np.asarray(y, float)
    order = np.argsort(-np.asarray(p, float), kind="mergesort")
    raw = 2 * (np.cumsum(y[order]) / y.sum()).mean() - 1
    perfect = 2 * (np.cumsum(np.sort(y)[::-1]) / y.sum()).mean() - 1
    return raw / perfect


def decile_mape(y, p):
    y = np.asarray(y, float)
    p = np.asarray(p, float)
    order = np.argsort(-p, kind="mergesort")
    n = len(y)
    errors = []
    for k in range(10):
        part = order[k * n // 10:(k + 1) * n // 10]
        a = y[part].mean()
        if a > 0:
            errors.append(abs(p[part].mean() - a) / a)
    return float(np.mean(errors))


def top_decile_capture(y, p):
    y = np.asarray(y, float)
    k = int(np.ceil(0.1 * len(y)))
    order = np.argsort(-np.asarray(p, float), kind="mergesort")
    return y[order[:k]].sum() / y.sum()


def scores(y, p):
    y = np.asarray(y, float)
    p = np.asarray(p, float)
    mse = float(((y - p) ** 2).mean())
    return {
        "gini": normalized_gini(y, p), "decile_mape": decile_mape(y, p),
        "r2": 1 - mse / float(((y - y.mean()) ** 2).mean()), "rmse": mse ** 0.5,
        "top_decile": top_decile_capture(y, p), "total": p.sum() / y.sum(),
    }


def lifetimes_predictions(df, cutoff, end, days, freq):
    from lifetimes import BetaGeoFitter, GammaGammaFitter
    from lifetimes.utils import summary_data_from_transaction_data

    df = df.assign(date=pd.to_datetime(df["date"], format="%Y%m%d"))
    calibration = df[df["date"] < cutoff]
    summary = summary_data_from_transaction_data(
        calibration, "customer_id", "date", monetary_value_col="amount",
        observation_period_end=cutoff - pd.Timedelta(days=1), freq=freq)
    bg = BetaGeoFitter(penalizer_coef=0.0).fit(summary["frequency"], summary["recency"], summary["T"])
    # Gamma-Gamma needs a positive mean order value (CDNOW has a few zero-amount orders).
    repeaters = summary[(summary["frequency"] > 0) & (summary["monetary_value"] > 0)]
    gg = GammaGammaFitter(penalizer_coef=0.0).fit(repeaters["frequency"], repeaters["monetary_value"])
    purchases = bg.conditional_expected_number_of_purchases_up_to_time(
        days / (7 if freq == "W" else 1), summary["frequency"], summary["recency"], summary["T"])
    value = gg.conditional_expected_average_profit(summary["frequency"], summary["monetary_value"])
    holdout = df[(df["date"] >= cutoff) & (df["date"] < end)].groupby("customer_id")["amount"].sum()
    return (purchases * value).rename("lifetimes"), holdout, bg, gg


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--master", required=True)
    ap.add_argument("--csv")
    ap.add_argument("--backtest")
    ap.add_argument("--json", help="also write the scores as JSON to this file")
    ap.add_argument("--as-of", default="1998-07-01")
    ap.add_argument("--weeks", type=int, default=39)
    ap.add_argument("--freq", default="W", choices=["W", "D"], help="lifetimes time unit (clv fits in weeks)")
    a = ap.parse_args()
    df = read_master(a.master)
    if a.csv:
        df.to_csv(a.csv, index=False)
        print(f"wrote {a.csv}: {len(df)} rows, {df['customer_id'].nunique()} customers")
    if not a.backtest:
        return
    end = pd.Timestamp(a.as_of)
    cutoff = end - pd.Timedelta(weeks=a.weeks)
    predicted, holdout, bg, gg = lifetimes_predictions(df, cutoff, end, a.weeks * 7, a.freq)
    print(f"cutoff {cutoff.date()}; BG/NBD {dict(bg.params_.round(4))}; Gamma-Gamma {dict(gg.params_.round(4))}")
    bt = pd.read_csv(a.backtest, dtype={"customer_id": str})
    test = bt[bt["split"] == "test"].set_index("customer_id")
    check = holdout.reindex(test.index).fillna(0.0).clip(lower=0)
    gap = float(np.abs(check - test["actual"]).max())
    print(f"test customers {len(test)}; largest |clv label - holdout spend| {gap:.4f}")
    if gap > 0.01:
        sys.exit("clv's labels do not match the holdout spend: different windows or customers")
    columns = [c for c in bt.columns if c not in ("customer_id", "split", "actual")]
    peer = scores(test["actual"], predicted.reindex(test.index).fillna(0.0))
    ours = {c: scores(test["actual"], test[c]) for c in columns}
    rows = {f"lifetimes BG/NBD+GG ({a.freq})": peer, **{f"clv {c}": s for c, s in ours.items()}}
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"lifetimes": peer, "clv": ours, "test_customers": len(test)}, f, indent=1, sort_keys=True)
    print(f"{'model':28s} {'gini':>7s} {'dMAPE':>7s} {'R2':>7s} {'RMSE':>8s} {'top10%':>7s} {'total':>6s}")
    for name, s in rows.items():
        print(f"{name:28s} {s['gini']:7.3f} {s['decile_mape']:7.3f} {s['r2']:7.3f} {s['rmse']:8.1f} "
              f"{s['top_decile']:7.3f} {s['total']:6.3f}")


if __name__ == "__main__":
    main()
