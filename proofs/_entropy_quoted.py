"""ENT-B1 .. ENT-B9: published numbers, recorded verbatim with their source (status EMPIRICAL, "quoted").

They require training models and are never recomputed; tests only check the arithmetic
the sources state about them (e.g. the 11.02-point lead of ENT-B1) and flag the
inconsistency of ENT-B3.  Values are decimal strings, exactly as printed.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

__all__ = ["QUOTED"]

_RAW: dict[str, dict[str, Any]] = {
    "ENT-B1": {
        "source": "Su-8823 (kexue.fm/archives/8823): RoFormer-small, masked-LM accuracy (%), trained at length 64",
        "columns": ["64", "128", "256", "512", "1024"],
        "rows": {
            "Attention-O (1/sqrt d)": ["43.27", "36.53", "23.02", "15.12", "11.54"],
            "Attention-E (log_512 n/sqrt d)": ["43.11", "41.17", "34.04", "20.15", "13.58"],
        },
        "remark": "The text claims a lead of more than 10 points at n = 256; the table gives 11.02.",
    },
    "ENT-B2": {
        "source": "Su-9675 (kexue.fm/archives/9675): GAU ~100M, trained at 512, token accuracy (%)",
        "columns": ["512 (train)", "4096 repeated", "4096 non-repeated"],
        "rows": {
            "Baseline": ["49.41", "24.17", "23.16"],
            "Baseline-log n": ["49.40", "24.60", "24.02"],
            "PI-RoPE": ["49.41", "15.04", "13.54"],
            "PI-RoPE-log n": ["49.40", "14.99", "16.51"],
            "NTK-RoPE (k = 8)": ["49.41", "51.28", "39.27"],
            "NTK-RoPE-log n": ["49.40", "61.71", "43.75"],
        },
    },
    "ENT-B3": {
        "source": "Su-9859 (kexue.fm/archives/9859): same setup and columns as ENT-B2",
        "columns": ["512 (train)", "4096 repeated", "4096 non-repeated"],
        "rows": {
            "QNA": ["49.55", "22.45", "22.18"],
            "QNA-log n": ["49.42", "19.55", "18.74"],
            "KNA": ["49.60", "61.08", "47.69"],
            "KNA-log n": ["49.58", "63.17", "46.40"],
            "CosA": ["49.73", "58.90", "46.98"],
            "CosA-log n": ["49.67", "64.74", "48.95"],
            "Baseline-YaRN": ["49.41", "80.10", "47.45"],
            "Baseline-log n-YaRN": ["49.40", "82.57", "46.52"],
            "Baseline-log n-ReRoPE": ["49.40", "85.47", "48.87"],
        },
        "inconsistency": {"CosA-log n non-repeated": ["48.95", "48.39"]},
        "remark": "The post's second table prints 48.39 for the CosA-log n non-repeated cell. CosA uses "
        "lambda = 4 ln n.",
    },
    "ENT-B4": {
        "source": "Su-9812",
        "values": {
            "gaussian_fit": "0.84 sqrt(ln n)",
            "gaussian_range": "2 to 3",
            "cosine_fit": "3.5 ln n",
            "cosine_range": "25 to 35",
            "cosine_d": "128",
            "n_grid": "40 * {1, ..., 500}",
        },
    },
    "ENT-B5": {
        "source": "Su-7695, Su-8711, Su-9588",
        "values": {
            "constant": "0.24",
            "factor": "8.33",
            "8 ln 512": "50",
            "8 ln 1e5": "92",
            "8.33 ln 1e5": "96",
            "8.33 ln 5e6": "128",
            "bert_key_size": "64",
        },
    },
    "ENT-B6": {
        "source": "SSMax (arXiv 2501.19399), Figure 1",
        "values": {"background": "-2", "top": "3", "s": "0.43"},
        "remark": "A 162M-parameter model size is reported in summaries of the paper (unconfirmed, not "
        "recorded as a value); no fitted a1, a2 values are recorded.",
    },
    "ENT-B7": {
        "source": "YaRN get_mscale; DeepSeek-V3 config rope_scaling",
        "values": {
            "yarn_coefficient": "0.1",
            "yarn_offset": "1",
            "beta_fast": "32",
            "beta_slow": "1",
            "dsv3_factor": "40",
            "dsv3_mscale": "1.0",
            "dsv3_mscale_all_dim": "1.0",
            "dsv3_original_max_position_embeddings": "4096",
            "dsv3_qk_head_dim": "128 + 64",
        },
    },
    "ENT-B8": {
        "source": "Llama 4 (transformers modeling_llama4.py); Qwen-7B modeling_qwen.py",
        "values": {
            "attn_temperature_tuning": "True",
            "floor_scale": "8192",
            "attn_scale": "0.1",
            "qwen_logn_positions": "1..32767",
            "qwen_base": "seq_length",
        },
    },
    "ENT-B9": {
        "source": "Chiang & Cholak 2022 (ACL; arXiv 2202.12172); code ndnlp/parity first.py, encoder.py",
        "values": {
            "scale": "log(n)/sqrt(d) (natural log)",
            "d_model": "16",
            "heads": "1",
            "layers": "2",
            "train_lengths": "10, 20, ..., 100",
            "test_length": "1000",
            "trials": "20",
            "epochs": "100",
            "steps": "100",
            "optimizer": "Adam",
            "learning_rate": "3e-4",
            "encoder_query_input_factor": "log(len(src))/2",
        },
        "remark": "The encoder scales the query-side input before a biased projection: not an exact "
        "logit rescaling. No table values from the paper are recorded.",
    },
}

#: Read-only view of the quoted numbers, keyed by spec ID.  Status of every entry: EMPIRICAL (quoted).
QUOTED = MappingProxyType({k: MappingProxyType(v) for k, v in _RAW.items()})
