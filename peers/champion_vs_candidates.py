"""Does clv's champion beat every other candidate on the test split on Gini, decile MAPE and total?

Reads a `clv report` output folder (`backtest.csv` for every candidate's prediction of every
backtest customer, `metrics.json` for the champion's key), and prints a Markdown table of the
test split: normalized Gini, decile MAPE and total predicted / actual per candidate, beside the
validation figures the champion rule saw. "Beats" on the total means closer to 1.

To tell a real difference from the luck of the draw of test customers, each comparison is
repeated on `--resamples` paired bootstrap resamples of the test customers (the same resample
for the champion and the candidate): the share of resamples in which the champion is better.
It also prints the bottom prediction decile of each model (customers, buyers, mean actual),
since decile MAPE is a mean of relative errors and the bottom decile's mean actual is small.

With `--alternatives` it also scores, from the same validation predictions, other ways of
blending the candidates (diagnosis only: weights fitted on validation, scored on test):
non-negative least squares with and without clv's total scaling, a Poisson-deviance
blend (non-negative weights, identity link, EM updates), and the log-link blend
exp(b + sum w log(p + eps)) with Tweedie 1.5 (clv's `blend-log`, re-fitted here as a check of
its weights) and Poisson deviance, each with 5-fold cross-fitted validation figures (numpy's
folds, not clv's: the validation figures of `blend-log` in the first table are clv's own).

Metrics as in clv (`RankedSample`, `DecileTable.mape`): deciles over the prediction order,
largest first, group g holding positions floor(g n / 10) ..< floor((g + 1) n / 10), stable
ties; a decile with mean actual 0 is skipped.

Usage (numpy only; not part of the Swift build):

    python peers/champion_vs_candidates.py --run /tmp/shop200k-report [--alternatives] [--intervals]
"""
import argparse
import csv
import json

import numpy as np


def load(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header, data = rows[0], rows[1:]
    split = np.array([r[1] for r in data])
    actual = np.array([float(r[2]) for r in data])
    preds = {header[j]: np.array([float(r[j]) for r in data]) for j in range(3, len(header))}
    return split, actual, preds


def gini(p, a):
    n = len(a)
    order = np.argsort(-p, kind="stable")
    perfect = np.argsort(-a, kind="stable")
    raw = lambda o: 2 * np.cumsum(a[o]).sum() / (a.sum() * n) - 1
    return raw(order) / raw(perfect)


def deciles(p, a):
    n = len(a)
    order = np.argsort(-p, kind="stable")
    return [order[(g * n) // 10:((g + 1) * n) // 10] for g in range(10)]


def decile_mape(p, a):
    errors = [abs(p[s].mean() - a[s].mean()) / abs(a[s].mean()) for s in deciles(p, a) if a[s].mean() != 0]
    return float(np.mean(errors))


def total(p, a):
    return p.sum() / a.sum()


def scores(p, a):
    return gini(p, a), decile_mape(p, a), total(p, a)


def better(x, y, k):
    """Whether score tuple x beats y on metric k (0 Gini: higher; 1 MAPE: lower; 2 total: closer to 1)."""
    if k == 0:
        return x[0] > y[0]
    if k == 1:
        return x[1] < y[1]
    return abs(x[2] - 1) < abs(y[2] - 1)


def nnls_blend(P, y):
    from scipy.optimize import nnls
    return nnls(P, y)[0]


def nnls_total_blend(P, y):
    """clv's blend: least squares, then every weight scaled by sum(y) / sum(P w)."""
    w = nnls_blend(P, y)
    s = (P @ w).sum()
    return w * (y.sum() / s) if s > 0 else w


def poisson_blend(P, y, iterations=3000):
    """Non-negative w minimising the Poisson deviance of mu = P w (EM / multiplicative updates,
    each step keeps w >= 0 and does not increase the deviance; at the optimum sum(mu) = sum(y))."""
    w = np.full(P.shape[1], y.sum() / P.sum())
    column = P.sum(axis=0)
    for _ in range(iterations):
        mu = P @ w
        w = w * (P.T @ np.where(mu > 0, y / np.maximum(mu, 1e-300), 0)) / np.maximum(column, 1e-300)
    return w


def log_link_blend(P, y, power=1.5, epsilon_share=1e-4, steps=200):
    """clv's blend-log re-fitted independently: mu = exp(b + log(P + eps) w), w >= 0, minimising the
    mean Tweedie deviance (power in [1, 2)) by projected Newton steps with backtracking, then b
    shifted so sum(mu) = sum(y); eps = epsilon_share * mean(y). Returns a predictor, since the
    blend is not linear in P."""
    eps = max(1e-6, epsilon_share * np.maximum(y, 0).mean())
    X = np.column_stack([np.ones(len(y)), np.log(np.maximum(P, 0) + eps)])
    n, m = X.shape

    def evaluate(t):
        e = np.minimum(X @ t, 700)
        a, b = np.exp((1 - power) * e), np.exp((2 - power) * e)
        if power == 1:
            loss = (b - y * e).mean()
        else:
            loss = (b / (2 - power) - y * a / (1 - power)).mean()
        d2 = (2 - power) * b - (1 - power) * y * a
        return loss, X.T @ (b - y * a) / n, (X * d2[:, None]).T @ X / n

    t = np.r_[0.0, np.full(m - 1, 1 / (m - 1))]
    t[0] = np.log(y.sum() / np.exp(X @ t).sum())
    loss, g, H = evaluate(t)
    for _ in range(steps):
        free = [r for r in range(m) if r == 0 or t[r] > 0 or g[r] < 0]
        while True:
            Hf = H[np.ix_(free, free)]
            s = np.linalg.solve(Hf + 1e-10 * np.trace(Hf) / len(free) * np.eye(len(free)), g[free])
            out = [r for r, si in zip(free, s) if r > 0 and t[r] == 0 and si > 0]
            if not out:
                break
            free = [r for r in free if r not in out]
        step, accepted = 1.0, None
        for _ in range(50):
            trial = t.copy()
            trial[free] = t[free] - step * s
            trial[1:] = np.maximum(0, trial[1:])
            value = evaluate(trial)[0]
            if np.isfinite(value) and value <= loss + 1e-4 * min(0, g @ (trial - t)) and not np.array_equal(trial, t):
                accepted = trial
                break
            step /= 2
        if accepted is None:
            break
        new = evaluate(accepted)
        gain = loss - new[0]
        t, (loss, g, H) = accepted, new
        if gain <= 1e-15 * max(1, abs(loss)):
            break
    t[0] += np.log(y.sum() / np.exp(np.minimum(X @ t, 700)).sum())
    predict = lambda Q: np.exp(np.minimum(t[0] + np.log(np.maximum(Q, 0) + eps) @ t[1:], 700))
    predict.weights = t[1:]
    return predict


LABEL_FREE = ("baseline", "bgnbd", "mbgnbd", "paretonbd")


def control_variate_shift(p, y, Z, y_train, Z_train):
    """clv's `TotalControlVariate`, re-derived: the log shift -beta' d to add to log(sum y / sum p)
    on the fitting rows, from label-free predictions Z (one column each) on those rows and on the
    train customers (labels y_train). d_j = log(sum y / sum z_j) - log(sum y_t / sum z_tj);
    beta = (R'R / (sum y)^2 + R_t'R_t / (sum y_t)^2)^-1 R'e / (sum y)^2, with residuals
    e = y - c p and r_j = y - c_j z_j (c the total-matching scale on each set)."""
    sv, st = y.sum(), y_train.sum()
    e = y - sv / p.sum() * p
    keep = [j for j in range(Z.shape[1]) if Z[:, j].sum() > 0 and Z_train[:, j].sum() > 0]
    if not keep or sv <= 0 or st <= 0:
        return 0.0
    R = np.column_stack([y - sv / Z[:, j].sum() * Z[:, j] for j in keep])
    Rt = np.column_stack([y_train - st / Z_train[:, j].sum() * Z_train[:, j] for j in keep])
    d = np.array([np.log(sv / Z[:, j].sum()) - np.log(st / Z_train[:, j].sum()) for j in keep])
    A = R.T @ R / sv**2 + Rt.T @ Rt / st**2
    beta = np.linalg.solve(A + 1e-10 * np.trace(A) / len(keep) * np.eye(len(keep)), R.T @ e / sv**2)
    return float(-beta @ d)


def corrected(fit, Zv, Ztrain, y_train):
    """A blend fit whose predictions are multiplied by exp(control_variate_shift) on its rows."""
    def fitted(P, y, rows=None):
        predict = fit(P, y)
        z = Zv if rows is None else Zv[rows]
        k = np.exp(control_variate_shift(predict(P), y, z, y_train, Ztrain))
        out = lambda Q: k * predict(Q)
        out.weights, out.factor = predict.weights, k
        return out
    return fitted


def linear(fit):
    """A linear blend's weights as a predictor (P -> P w), with the weights attached."""
    def fitted(P, y):
        w = fit(P, y)
        predict = lambda Q: Q @ w
        predict.weights = w
        return predict
    return fitted


def cross_fitted(fit, P, y, folds=5, seed=1, rows_aware=False):
    fold = np.random.default_rng(seed).permutation(len(y)) % folds
    out = np.zeros(len(y))
    for k in range(folds):
        args = (P[fold != k], y[fold != k]) + ((np.where(fold != k)[0],) if rows_aware else ())
        out[fold == k] = fit(*args)(P[fold == k])
    return out


def paired_intervals(preds, champion, test, yt, draws, level=0.95):
    """Paired bootstrap intervals of champion minus candidate on test: Gini (positive: champion
    better), decile MAPE (negative: champion better) and |total - 1| (negative: champion better)."""
    lo, hi = (1 - level) / 2 * 100, (1 + level) / 2 * 100
    c = [scores(preds[champion][test][d], yt[d]) for d in draws]
    print(f"\nPaired bootstrap {level:.0%} intervals of champion minus candidate on test "
          f"({len(draws)} resamples; Gini: > 0 champion better; MAPE and |total - 1|: < 0 champion better):\n")
    print("| model | Gini difference | decile MAPE difference | abs(total - 1) difference |")
    print("|---|---|---|---|")
    for k, p in preds.items():
        if k == champion or k in LABEL_FREE:
            continue
        o = [scores(p[test][d], yt[d]) for d in draws]
        diff = np.array([[x[0] - y[0], x[1] - y[1], abs(x[2] - 1) - abs(y[2] - 1)] for x, y in zip(c, o)])
        point = scores(preds[champion][test], yt), scores(p[test], yt)
        pd = [point[0][0] - point[1][0], point[0][1] - point[1][1], abs(point[0][2] - 1) - abs(point[1][2] - 1)]
        cells = [f"{pd[m]:+.4f} [{np.percentile(diff[:, m], lo):+.4f}, {np.percentile(diff[:, m], hi):+.4f}]"
                 for m in range(3)]
        print(f"| {k} | " + " | ".join(cells) + " |")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--run", required=True, help="a clv report output folder")
    ap.add_argument("--resamples", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--alternatives", action="store_true")
    ap.add_argument("--intervals", action="store_true", help="paired bootstrap intervals of the differences")
    a = ap.parse_args()
    split, actual, preds = load(a.run + "/backtest.csv")
    with open(a.run + "/metrics.json") as f:
        champion = json.load(f)["champion"]["key"]
    val, test = split == "validation", split == "test"
    yv, yt = actual[val], actual[test]
    print(f"Run: {a.run}; champion: {champion}; validation {val.sum()}, test {test.sum()} customers.\n")
    rng = np.random.default_rng(a.seed)
    draws = [rng.integers(0, len(yt), len(yt)) for _ in range(a.resamples)]
    boot = {k: [scores(p[test][d], yt[d]) for d in draws] for k, p in preds.items()}
    print("| model | val Gini | val decile MAPE | test Gini | test decile MAPE | test total | champion better "
          "(Gini / MAPE / total) | share of resamples champion better (Gini / MAPE / total) |")
    print("|---|---:|---:|---:|---:|---:|---|---|")
    c = scores(preds[champion][test], yt)
    for k, p in preds.items():
        v = scores(p[val], yv)
        s = scores(p[test], yt)
        if k == champion:
            flags, shares = "(champion)", ""
        else:
            flags = " / ".join("yes" if better(c, s, m) else "**no**" for m in range(3))
            shares = " / ".join(
                f"{np.mean([better(x, y, m) for x, y in zip(boot[champion], boot[k])]):.2f}" for m in range(3))
        print(f"| {k} | {v[0]:.4f} | {v[1]:.4f} | {s[0]:.4f} | {s[1]:.4f} | {s[2]:.3f} | {flags} | {shares} |")
    print("\nBottom prediction decile on test (decile MAPE's smallest mean actual):\n")
    print("| model | customers | buyers | mean actual | mean predicted | relative error |")
    print("|---|---:|---:|---:|---:|---:|")
    for k, p in preds.items():
        s = deciles(p[test], yt)[9]
        ma, mp = yt[s].mean(), p[test][s].mean()
        rel = f"{abs(mp - ma) / ma:.2f}" if ma > 0 else "skipped"
        print(f"| {k} | {len(s)} | {(yt[s] > 0).sum()} | {ma:.2f} | {mp:.2f} | {rel} |")
    if a.intervals:
        paired_intervals(preds, champion, test, yt, draws[:400])
    if a.alternatives:
        names = [k for k in preds if not k.startswith("blend")]
        Pv = np.column_stack([preds[k][val] for k in names])
        Pt = np.column_stack([preds[k][test] for k in names])
        train = split == "train"
        free = [k for k in names if k in LABEL_FREE]
        Zv = np.column_stack([preds[k][val] for k in free])
        Ztr = np.column_stack([preds[k][train] for k in free])
        print("\nBlends of the other candidates fitted on validation "
              "(cross-fitted validation figures):\n")
        print("| blend | weights | val Gini | val decile MAPE | val total | test Gini | test decile MAPE "
              "| test total |")
        print("|---|---|---:|---:|---:|---:|---:|---:|")
        fits = [("non-negative least squares", linear(nnls_blend)),
                ("least squares, total matched (clv blend)", linear(nnls_total_blend)),
                ("Poisson deviance", linear(poisson_blend)),
                ("log link, Tweedie 1.5 (numpy re-fit of clv blend-log)", log_link_blend),
                ("log link, Tweedie 1.5, control-variate total (numpy re-fit of clv blend-log)",
                 corrected(log_link_blend, Zv, Ztr, actual[train])),
                ("log link, Poisson", lambda P, y: log_link_blend(P, y, power=1.0))]
        for label, fit in fits:
            predict = fit(Pv, yv)
            v = scores(cross_fitted(fit, Pv, yv, rows_aware=label.startswith("log link, Tweedie 1.5, c")), yv)
            s = scores(predict(Pt), yt)
            ws = ", ".join(f"{n} {x:.3f}" for n, x in zip(names, predict.weights) if x > 5e-4)
            print(f"| {label} | {ws} | {v[0]:.4f} | {v[1]:.4f} | {v[2]:.3f} | {s[0]:.4f} | {s[1]:.4f} | {s[2]:.3f} |")
        print("\nThe same control-variate correction applied to every label-trained candidate (diagnosis: clv "
              "applies it to blend-log only; each candidate's validation total is matched, then shifted):\n")
        print("| model | correction | test total as run | test total corrected | test decile MAPE corrected |")
        print("|---|---:|---:|---:|---:|")
        for k, p in preds.items():
            if k in LABEL_FREE:
                continue
            f = 1.0 if k == "blend-log" else np.exp(control_variate_shift(p[val], yv, Zv, actual[train], Ztr))
            print(f"| {k} | {f:.4f} | {scores(p[test], yt)[2]:.3f} | {f * p[test].sum() / yt.sum():.3f} "
                  f"| {decile_mape(f * p[test], yt):.4f} |")


if __name__ == "__main__":
    main()
