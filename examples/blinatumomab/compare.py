#!/usr/bin/env python3
"""Prints the example's pooled risk ratios beside the published meta-analysis
(ASH/Blood 2025 abstract: 4 RCTs, 2,011 patients, random-effects RRs) and says
why they differ. Reads `prismaflow analyze --json` output."""
import json
import math
import sys

PUBLISHED = {
    "dfs": (0.63, 0.47, 0.83),
    "os": (0.62, 0.47, 0.84),
    "mrd": (2.53, 0.32, 19.85),
    "ae": (1.00, 0.57, 1.75),
}
WHY = {
    "dfs": "Hogan and Gupta counts are Kaplan-Meier percentages times n (derived); "
           "for Gupta they likely exceed the interim events the authors used.",
    "os": "Gupta 2025 has no sourced death counts and is left out (k = 3); "
          "Brown and Hogan counts are KM-derived.",
    "mrd": "only Locatelli and Brown report MRD counts we could source (k = 2); the "
           "published interval, far wider, must include trials or definitions we lack.",
    "ae": "only two trials (Locatelli's counts unverified); the published estimate "
          "pools a different definition or more trials.",
}

def main():
    results = json.load(open(sys.argv[1]))
    print(f"{'outcome':<46}{'prismaflow':>24}{'published':>24}")
    for r in results:
        name = r["outcome"]
        mine = f"{math.exp(r['estimate']):.2f} ({math.exp(r['ci_lower']):.2f}-{math.exp(r['ci_upper']):.2f})"
        pub = PUBLISHED.get(name)
        pubs = f"{pub[0]:.2f} ({pub[1]:.2f}-{pub[2]:.2f})" if pub else "-"
        print(f"{r['label'] + ', k=' + str(r['k']):<46}{mine:>24}{pubs:>24}")
    print()
    for r in results:
        if r["outcome"] in WHY:
            print(f"- {r['outcome']}: {WHY[r['outcome']]}")

if __name__ == "__main__":
    main()
