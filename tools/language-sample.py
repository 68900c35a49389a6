#!/usr/bin/env python3
"""Prints real translated sentences per language (lang TAB text) from the gettext catalogs a Debian machine carries
(/usr/share/locale/LANG/LC_MESSAGES/*.mo: human translations of apt, bash, coreutils, dpkg...), for measuring
language detection on languages our labeled data lacks. Nothing is kept: pipe it into `Tertulia.Bench languages -`.
Usage: python3 tools/language-sample.py [per-language] > /tmp/languages.tsv"""
import glob, random, re, struct, sys

LANGS = {"es": "es", "pt": "pt", "ca": "ca", "fr": "fr", "it": "it", "de": "de", "eu": "eu", "nl": "nl"}
PER_LANG = int(sys.argv[1]) if len(sys.argv) > 1 else 300

def mo_pairs(path):
    data = open(path, "rb").read()
    magic = struct.unpack("<I", data[:4])[0]
    e = "<" if magic == 0x950412DE else ">"
    _, n, o_orig, o_trans = struct.unpack(e + "4I", data[4:20])
    for i in range(n):
        l1, p1 = struct.unpack(e + "2I", data[o_orig + 8 * i:o_orig + 8 * i + 8])
        l2, p2 = struct.unpack(e + "2I", data[o_trans + 8 * i:o_trans + 8 * i + 8])
        yield data[p1:p1 + l1].decode("utf-8", "replace"), data[p2:p2 + l2].decode("utf-8", "replace")

def clean(text):
    text = text.split("\x00")[0]
    text = re.sub(r"%[-+ #0-9.*]*[a-zA-Z]|\{[^}]*\}|\$\{?\w+\}?|<[^>]+>|`[^']*'|_(?=\w)|&(?=\w)", " ", text)
    return re.sub(r"\s+", " ", text).strip()

for code, folder in LANGS.items():
    seen, texts = set(), []
    for mo in sorted(glob.glob(f"/usr/share/locale/{folder}/LC_MESSAGES/*.mo")):
        for msgid, msgstr in mo_pairs(mo):
            text = clean(msgstr)
            if not msgid or text == clean(msgid) or len(text) < 25 or len(text.split()) < 4 or text in seen:
                continue
            if sum(c.isalpha() for c in text) < 0.7 * len(text.replace(" ", "")):
                continue
            seen.add(text)
            texts.append(text)
    random.Random(42).shuffle(texts)
    for text in texts[:PER_LANG]:
        print(f"{code}\t{text}")
