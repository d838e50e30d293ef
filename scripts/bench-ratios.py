#!/usr/bin/env python3
"""Prints, for every criterion group under target/criterion, each member's mean time and its
ratio to the group's `baseline` member (ratio < 1 means faster than the baseline).

Usage: scripts/bench-ratios.py [CRITERION_DIR ...]   (default: target/criterion and
oracles' target/criterion if present)
"""
import json
import os
import sys

dirs = sys.argv[1:] or [d for d in ("target/criterion",) if os.path.isdir(d)]
for root in dirs:
    for group in sorted(os.listdir(root)):
        gdir = os.path.join(root, group)
        if not os.path.isdir(gdir) or group == "report":
            continue
        means = {}
        for member in sorted(os.listdir(gdir)):
            est = os.path.join(gdir, member, "new", "estimates.json")
            if os.path.isfile(est):
                with open(est) as f:
                    means[member] = json.load(f)["mean"]["point_estimate"]
        if not means:
            continue
        base = means.get("baseline")
        for member, ns in means.items():
            ratio = f"{ns / base:6.2f}x" if base else "   n/a "
            print(f"{group:40} {member:14} {ns:12.2f} ns  {ratio}")
