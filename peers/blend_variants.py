"""Ways to make clv's log-link blend dominate its members, judged on validation (#14).

Reads a `clv report` output folder (`backtest.csv`: every candidate's prediction of every
backtest customer) and re-fits, from the members' validation predictions only, variants of
`blend-log` (exp(b + sum w log(p + eps)), w >= 0, Tweedie deviance; see
`champion_vs_candidates.log_link_blend`). Each variant's validation figures are cross-fitted
(5 folds, each predicted by a blend fitted on the other four) over several fold seeds, mean and
standard deviation; paired differences against clv's setting use the same folds. The test
figures of the blend fitted on all validation customers are printed as a check only: nothing
here is chosen on them.

Variants:
- `log 1.5`: clv's blend-log before its control-variate total (Tweedie 1.5, eps = 1e-4 x mean).
- `eps 1e-5`: the same with eps = 1e-5 x mean (the blend's floor for customers every member puts
  at 0).
- `rank, then calibrate`: weights on the simplex that maximise the normalized Gini of
  s = sum w log(p + eps) on the fitting rows (Nelder-Mead over a softmax, started from the
  Tweedie weights), then mu = exp(b + a s) fitted by Tweedie 1.5 deviance and the total matched.
- `+ p(...)`: purchase probabilities of the hurdle trees, the ZILN network and the sequence
  model as extra inputs log(p * mean(y) + eps) (needs `--probabilities`, a CSV with
  customer_id, split and one column per model, in backtest.csv's row order; clv does not
  write it).
- `members' total cross-fitted` (`--rule`): the champion rule re-run with every label-trained
  member's total calibration cross-fitted on validation like the blends' (their validation
  predictions are scaled by a factor fitted on all validation customers).

Usage (numpy and scipy; not part of the Swift build):

    python peers/blend_variants.py --run DIR [--run DIR ...] [--seeds 5] [--rank] [--rule]
"""
import argparse
import csv
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import champion_vs_candidates as cv  # noqa: E402

LABEL_TRAINED = ("mlp-ziln", "mlp-mse", "gbt-tweedie", "gbt-hurdle", "seq-conv")
WITH_PROBABILITY = ("gbt-hurdle", "mlp-ziln", "seq-conv")


def glm_slope(s, y, power=1.5, steps=100):
    """mu = exp(b + a s) minimising the mean Tweedie deviance (Newton), then b matches sum(y)."""
    X = np.column_stack([np.ones(len(y)), s])
    t = np.array([np.log(max(y.mean(), 1e-300)), 1.0])
    for _ in range(steps):
        e = np.minimum(X @ t, 700)
        a, b = np.exp((1 - power) * e), np.exp((2 - power) * e)
        g = X.T @ (b - y * a) / len(y)
        H = (X * ((2 - power) * b - (1 - power) * y * a)[:, None]).T @ X / len(y)
        step = np.linalg.solve(H + 1e-10 * np.eye(2), g)
        t = t - step
        if np.abs(step).max() < 1e-10:
            break
    t[0] += np.log(y.sum() / np.exp(np.minimum(X @ t, 700)).sum())
    return t


def rank_then_calibrate(P, y, power=1.5, epsilon_share=1e-4):
    from scipy.optimize import minimize
    eps = max(1e-6, epsilon_share * np.maximum(y, 0).mean())
    L = np.log(np.maximum(P, 0) + eps)
    start = cv.log_link_blend(P, y, power=power).weights
    start = start / start.sum() if start.sum() > 0 else np.full(P.shape[1], 1 / P.shape[1])

    def simplex(theta):
        w = np.exp(theta - theta.max())
        return w / w.sum()

    r = minimize(lambda th: -cv.gini(L @ simplex(th), y), np.log(np.maximum(start, 1e-3)), method="Nelder-Mead",
                 options=dict(maxiter=400, xatol=1e-3, fatol=1e-6))
    w = simplex(r.x)
    b, a = glm_slope(L @ w, y, power)
    predict = lambda Q: np.exp(np.minimum(b + a * (np.log(np.maximum(Q, 0) + eps) @ w), 700))
    predict.weights = a * w
    return predict


def load_probabilities(path, ids):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    if [r[0] for r in rows[1:]] != ids:
        raise SystemExit(f"{path}: rows are not those of backtest.csv in its order")
    return {rows[0][j]: np.array([float(r[j]) for r in rows[1:]]) for j in range(2, len(rows[0]))}


def cross_fitted_scores(fit, P, y, seeds):
    return np.array([cv.scores(cv.cross_fitted(fit, P, y, seed=s), y) for s in seeds])


def champion(scores, tolerance=1.5):
    """clv's ChampionRule on (Gini, decile MAPE) pairs."""
    best = min(m for _, m in scores.values())
    eligible = {k: v for k, v in scores.items() if v[1] <= tolerance * best + 1e-12}
    return max(eligible, key=lambda k: (eligible[k][0], -eligible[k][1]))


def cross_fitted_calibration(p, y, seed, folds=5):
    fold = np.random.default_rng(seed).permutation(len(y)) % folds
    out = np.zeros(len(y))
    for k in range(folds):
        rest = fold != k
        out[fold == k] = p[fold == k] * y[rest].sum() / p[rest].sum()
    return out


def report(run, probabilities, seeds, rank, rule):
    split, actual, preds = cv.load(run + "/backtest.csv")
    with open(run + "/backtest.csv", newline="") as f:
        ids = [r[0] for r in csv.reader(f)][1:]
    names = [k for k in preds if not k.startswith("blend")]
    val, test = split == "validation", split == "test"
    yv, yt = actual[val], actual[test]
    columns, labels = [preds[k] for k in names], list(names)
    extra = []
    if probabilities:
        prob = load_probabilities(probabilities, ids)
        for k in WITH_PROBABILITY:
            if k in prob:
                extra.append(len(columns))
                columns.append(prob[k] * yv.mean())
                labels.append(k + ":p")
    P = np.column_stack(columns)
    Pv, Pt = P[val], P[test]
    base = list(range(len(names)))
    variants = [("log 1.5 (clv, before the total correction)", base, cv.log_link_blend),
                ("eps 1e-5", base, lambda A, y: cv.log_link_blend(A, y, epsilon_share=1e-5))]
    if extra:
        hurdle = [j for j in extra if labels[j] == "gbt-hurdle:p"]
        variants += [("+ p(hurdle)", base + hurdle, cv.log_link_blend),
                     ("+ p(hurdle, ZILN, sequence)", base + extra, cv.log_link_blend)]
    if rank:
        variants += [("rank, then calibrate", base, rank_then_calibrate)]
    print(f"\n{run}: validation {val.sum()}, test {test.sum()} customers; cross-fitted over {len(seeds)} fold seeds\n")
    print("| variant | val Gini | val decile MAPE | paired MAPE difference (better on) | test Gini | test decile MAPE "
          "| test total | weights |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    reference = None
    for label, cols, fit in variants:
        x = cross_fitted_scores(fit, Pv[:, cols], yv, seeds)
        if reference is None:
            reference, paired = x, ""
        else:
            d = x[:, 1] - reference[:, 1]
            paired = f"{d.mean():+.4f} ± {d.std():.4f} ({int((d < 0).sum())}/{len(seeds)})"
        predict = fit(Pv[:, cols], yv)
        t = cv.scores(predict(Pt[:, cols]), yt)
        weights = ", ".join(f"{labels[c]} {w:.3f}" for c, w in zip(cols, predict.weights) if w > 5e-4)
        print(f"| {label} | {x[:, 0].mean():.4f} ± {x[:, 0].std():.4f} | {x[:, 1].mean():.4f} ± {x[:, 1].std():.4f} "
              f"| {paired} | {t[0]:.4f} | {t[1]:.4f} | {t[2]:.3f} | {weights} |")
    if rule:
        plain = {k: cv.scores(p[val], yv)[:2] for k, p in preds.items()}
        chosen = []
        for s in seeds:
            scores = dict(plain)
            for k in LABEL_TRAINED:
                if k in preds:
                    scores[k] = cv.scores(cross_fitted_calibration(preds[k][val], yv, s), yv)[:2]
            chosen.append(champion(scores))
        print(f"\nChampion rule as run: {champion(plain)}; with the members' totals cross-fitted, per fold seed: "
              + ", ".join(chosen))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--run", action="append", required=True, help="a clv report output folder (repeatable)")
    ap.add_argument("--probabilities", action="append", default=[],
                    help="purchase probabilities of --run (same order; optional)")
    ap.add_argument("--seeds", type=int, default=5, help="fold seeds of the cross-fitted figures")
    ap.add_argument("--rank", action="store_true", help="also the rank-then-calibrate blend (slower)")
    ap.add_argument("--rule", action="store_true", help="the champion rule with cross-fitted member totals")
    a = ap.parse_args()
    probabilities = a.probabilities + [None] * (len(a.run) - len(a.probabilities))
    for run, prob in zip(a.run, probabilities):
        report(run, prob, list(range(1, a.seeds + 1)), a.rank, a.rule)


if __name__ == "__main__":
    main()
