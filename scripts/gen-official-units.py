#!/usr/bin/env python3
"""Generates Sources/AnsinhStore/Resources/Registry/official-units-2025.csv, the official list of
Vietnam's 34 provinces and 3,321 communes/wards/special zones in force since 1 July 2025
(Resolution 202/2025/QH15; codes per Decision 19/2025/QĐ-TTg), from the PyPI package
`vietnam-provinces`. Run once when the official list changes:

    pip install vietnam-provinces==2025.10.1 && python3 scripts/gen-official-units.py

Columns: kind (province|commune), code (2 or 5 digits), name, parent_code, division_type (as the
source writes it), area_type (urban for wards, rural for communes and special zones).
"""
import csv
import importlib.resources
import json
import pathlib
import sys

data = json.loads(importlib.resources.files("vietnam_provinces").joinpath("data/nested-divisions.json").read_text("utf-8"))
out = pathlib.Path(__file__).resolve().parent.parent / "Sources/AnsinhStore/Resources/Registry/official-units-2025.csv"
rows = []
for p in sorted(data, key=lambda p: p["code"]):
    pcode = "%02d" % p["code"]
    rows.append(["province", pcode, p["name"], "", p["division_type"], ""])
    for w in sorted(p["wards"], key=lambda w: w["code"]):
        area = "urban" if w["division_type"] == "phường" else "rural"
        rows.append(["commune", "%05d" % w["code"], w["name"], pcode, w["division_type"], area])
provinces = sum(1 for r in rows if r[0] == "province")
communes = len(rows) - provinces
if (provinces, communes) != (34, 3321):
    sys.exit(f"unexpected counts: {provinces} provinces, {communes} communes")
with out.open("w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["kind", "code", "name", "parent_code", "division_type", "area_type"])
    w.writerows(rows)
print(f"{out}: {provinces} provinces, {communes} communes")
