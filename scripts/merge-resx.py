#!/usr/bin/env python3
"""Resolves a git merge conflict in the UI string files by taking the union of both sides' keys.

Usage (during a conflicted merge): scripts/merge-resx.py
Where both sides define a key differently, the incoming side wins and the key is printed.
"""
import subprocess, sys, os
import xml.etree.ElementTree as ET
sys.path.insert(0, os.path.dirname(__file__))

ROOT = subprocess.check_output(["git", "rev-parse", "--show-toplevel"], text=True).strip()

def entries(stage, path):
    try:
        text = subprocess.check_output(["git", "show", f":{stage}:{path}"], cwd=ROOT, text=True)
    except subprocess.CalledProcessError:
        return {}
    return {d.get("name"): d.findtext("value") or "" for d in ET.fromstring(text).findall("data")}

def main():
    import importlib.util
    spec = importlib.util.spec_from_file_location("add_strings", os.path.join(ROOT, "scripts", "add-strings.py"))
    for lang in ("en", "ja"):
        path = f"src/Portal.Web/Resources/SharedResource.{lang}.resx"
        ours, theirs = entries(2, path), entries(3, path)
        merged = dict(ours)
        for key, value in theirs.items():
            if key in merged and merged[key] != value:
                print(f"{lang}: {key} differs; taking the incoming text")
            merged[key] = value
        header = open(os.path.join(ROOT, "scripts", "add-strings.py"), encoding="utf-8").read().split('HEADER = """', 1)[1].split('"""', 1)[0]
        def esc(s):
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
        with open(os.path.join(ROOT, path), "w", encoding="utf-8") as f:
            f.write(header)
            for key in sorted(merged):
                f.write(f'  <data name="{esc(key)}" xml:space="preserve"><value>{esc(merged[key])}</value></data>\n')
            f.write("</root>\n")
        subprocess.check_call(["git", "add", path], cwd=ROOT)

main()
