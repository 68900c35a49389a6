#!/usr/bin/env python3
"""Writes the UI's .resx files from one table (Web/UiText.tsv: key, Spanish, English)."""
import sys, html, pathlib
root = pathlib.Path(__file__).resolve().parent.parent / "src/Tertulia/Web"
rows = [l.rstrip("\n").split("\t") for l in (root / "UiText.tsv").read_text(encoding="utf-8").splitlines() if l.strip() and not l.startswith("#")]
head = '<?xml version="1.0" encoding="utf-8"?>\n<root>\n  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>\n  <resheader name="version"><value>2.0</value></resheader>\n  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>\n  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>\n'
for col, name in ((1, "UiText.resx"), (2, "UiText.en.resx")):
    out = [head]
    for r in rows:
        if len(r) < 3:
            sys.exit(f"row needs key, es, en: {r}")
        out.append(f'  <data name="{html.escape(r[0])}" xml:space="preserve"><value>{html.escape(r[col], quote=False)}</value></data>\n')
    out.append("</root>\n")
    (root / name).write_text("".join(out), encoding="utf-8")
print(f"{len(rows)} strings")
