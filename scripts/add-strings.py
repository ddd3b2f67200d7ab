#!/usr/bin/env python3
"""Adds or updates UI strings in both languages.

Usage: scripts/add-strings.py FILE.tsv   (lines: key<TAB>English<TAB>Japanese; \\n is a line break)
   or: scripts/add-strings.py KEY "English" "日本語"
Keeps src/Portal.Web/Resources/SharedResource.{en,ja}.resx sorted by key.
"""
import sys, os
import xml.etree.ElementTree as ET

ROOT = os.path.join(os.path.dirname(__file__), "..", "src", "Portal.Web", "Resources")
HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""

def load(lang):
    path = os.path.join(ROOT, f"SharedResource.{lang}.resx")
    entries = {}
    if os.path.exists(path):
        for data in ET.parse(path).getroot().findall("data"):
            entries[data.get("name")] = data.findtext("value") or ""
    return path, entries

def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")

def save(path, entries):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(HEADER)
        for key in sorted(entries):
            f.write(f'  <data name="{esc(key)}" xml:space="preserve"><value>{esc(entries[key])}</value></data>\n')
        f.write("</root>\n")

def main(argv):
    rows = []
    if len(argv) == 2:
        with open(argv[1], encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if not line.strip() or line.startswith("#"):
                    continue
                key, en, ja = line.split("\t")
                rows.append((key, en.replace("\\n", "\n"), ja.replace("\\n", "\n")))
    elif len(argv) == 4:
        rows.append((argv[1], argv[2], argv[3]))
    else:
        print(__doc__)
        return 2
    en_path, en = load("en")
    ja_path, ja = load("ja")
    for key, e, j in rows:
        en[key] = e
        ja[key] = j
    save(en_path, en)
    save(ja_path, ja)
    return 0

sys.exit(main(sys.argv))
