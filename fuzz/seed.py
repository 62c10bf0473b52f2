#!/usr/bin/env python3
"""Seeds the fuzz corpora from the project's specs and their vectors.

    python3 fuzz/seed.py        # writes fuzz/corpus/<target>/seed-*

spec_load gets each spec; json_parse the bodies of the vectors; webhook_receive and
answer_read the same bodies, behind the byte that picks the gateway (the order of
fuzz/src/lib.rs) and, for answers, the byte that picks the HTTP status (0 = 200).
"""
import hashlib
import pathlib
import re

HERE = pathlib.Path(__file__).resolve().parent
SPECS = ["cashy.yaml", "eanishop.yaml", "tecpay.yaml", "teemopay.yaml", "xettle.yaml"]
BODY = re.compile(r"^\s*(?:-\s+)?body:\s*'((?:[^']|'')*)'\s*$", re.M)


def put(target, data):
    d = HERE / "corpus" / target
    d.mkdir(parents=True, exist_ok=True)
    (d / ("seed-" + hashlib.sha1(data).hexdigest()[:16])).write_bytes(data)


for i, name in enumerate(SPECS):
    text = (HERE.parent / "specs" / name).read_text()
    put("spec_load", text.encode())
    for m in BODY.finditer(text):
        body = m.group(1).replace("''", "'").encode()
        put("json_parse", body)
        put("webhook_receive", bytes([i]) + b"x\n" + body)
        for status in (0, 5, 8):  # 200, 400, 404
            put("answer_read", bytes([i, status]) + body)
for f in sorted((HERE.parent / "tests" / "specs").glob("*.yaml")):
    put("spec_load", f.read_bytes())
