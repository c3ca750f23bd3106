"""Retrains the screening classifier on the training split and writes data/model.npz.

    .venv/bin/python -m netra.patrol.screening.train

Reproducible: the training split is fixed (data/labelled.jsonl, split "train"), the embeddings are
deterministic, and the optimiser is plain full-batch gradient descent from zeros (no randomness). Only
the gated posts (those the rules found a contestant, account, number or gesture in) are used, since
only those ever reach the model. The held-aside `test` split is never read here.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from netra.patrol.screening import evaluate, model
from netra.patrol.screening.rules import matcher_for, screen_rules

L2 = 1e-3
STEPS = 1500
RATE = 0.5


def fit(x: np.ndarray, y: np.ndarray, classes: int) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression, full-batch gradient descent with L2 on the weights; class weights
    balance the labels so the rarer `against` is not drowned."""
    n, d = x.shape
    w = np.zeros((d, classes), dtype=np.float64)
    b = np.zeros(classes, dtype=np.float64)
    onehot = np.eye(classes)[y]
    counts = np.bincount(y, minlength=classes).astype(np.float64)
    sample_weight = (n / (classes * np.maximum(counts, 1)))[y][:, None]
    for _ in range(STEPS):
        p = model.softmax(x @ w + b)
        grad = (p - onehot) * sample_weight / n
        w -= RATE * (x.T @ grad + L2 * w)
        b -= RATE * grad.sum(axis=0)
    return w.astype(np.float32), b.astype(np.float32)


def gated_rows(split: str):
    regs = evaluate.registries()
    rows, feats = [], []
    for item in evaluate.items(split):
        result = screen_rules(item.text, matcher_for(regs[item.registry]))
        if result.mentions_any:
            rows.append(item)
            feats.append(result.features)
    return rows, np.array(feats, dtype=np.float32)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args()
    started = time.perf_counter()
    rows, rule_features = gated_rows("train")
    embeddings = model.embed([r.text for r in rows])
    mean = rule_features.mean(axis=0)
    scale = rule_features.std(axis=0) + 1e-6
    x = model.features(embeddings, rule_features, mean, scale).astype(np.float64)
    y = np.array([model.CLASSES.index(r.label) for r in rows])
    w, b = fit(x, y, len(model.CLASSES))
    accuracy = float((np.argmax(x @ w + b, axis=1) == y).mean())
    trained_on = f"labelled.jsonl train split, {len(rows)} gated posts, L2={L2}, steps={STEPS}, rate={RATE}"
    np.savez_compressed(
        model.WEIGHTS,
        weights=w,
        bias=b,
        feature_mean=mean.astype(np.float32),
        feature_scale=scale.astype(np.float32),
        trained_on=np.array(trained_on),
    )
    print(
        f"{trained_on}; training accuracy {accuracy:.3f}; {time.perf_counter() - started:.1f} s → {model.WEIGHTS}"
    )


if __name__ == "__main__":
    main()
