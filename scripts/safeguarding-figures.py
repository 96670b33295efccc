"""Recall and false flags of the safeguarding detector: scripts/bench-safeguarding.sh."""
import json, sys
from collections import defaultdict
cases = [json.loads(l) for l in open(sys.argv[1])]
outs = {json.dumps(o["id"]): o for o in map(json.loads, open(sys.argv[2]))}
for c in cases:
    c["out"] = outs[json.dumps(c["id"])]

def table(split, flagged, title):
    rows = [c for c in cases if c["split"] == split]
    print(f"\n{title} ({split}, {len(rows)} answers)")
    print(f"{'':10} {'recall':>14} {'false flags':>14}")
    groups = defaultdict(list)
    for c in rows:
        groups[c["language"]].append(c)
        if c["concern"]:
            groups[c["concern"]].append(c)
        groups["all"].append(c)
    for name, group in groups.items():
        d = [c for c in group if c["concern"]]
        o = [c for c in group if not c["concern"]]
        hit = sum(flagged(c) for c in d)
        false = sum(flagged(c) for c in o)
        r = f"{hit}/{len(d)} {100*hit/len(d):5.1f}%" if d else ""
        f = f"{false}/{len(o)} {100*false/len(o):5.1f}%" if o else ""
        print(f"{name:10} {r:>14} {f:>14}")
    d = [c for c in rows if c["concern"] and flagged(c)]
    right = sum(c["out"]["concern"] == c["concern"] for c in d)
    if d and flagged is detector:
        print(f"concern named right on {right}/{len(d)} flagged disclosures ({100*right/len(d):.0f} %)")

rules = lambda c: c["out"]["nearest"]["rule"] is not None
detector = lambda c: c["out"]["concern"] is not None
table("heldout", rules, "Rules alone")
table("heldout", detector, "Rules and meaning (the detector as it runs)")
table("dev2", detector, "The fresh dev part, written blind to the examples and the rest of eval/")

print("\nThe margin chosen on the dev part only (mean similarity of the nearest disclosure examples")
print("less that of the nearest ordinary ones, the nearest disclosures at least 0.30; rules or meaning):")
dev = [c for c in cases if c["split"] == "dev"]
def meaning(m, floor=0.30):
    n = lambda c: c["out"]["nearest"]
    return lambda c: rules(c) or ((n(c)["margin"] or -1) >= m and (n(c)["disclosure"] or -1) >= floor)
print(f"{'margin':>7} {'recall':>7} {'false':>7}")
for m in [0.0, 0.01, 0.02, 0.03, 0.035, 0.04, 0.045, 0.05, 0.06]:
    f = meaning(m)
    d = [c for c in dev if c["concern"]]
    o = [c for c in dev if not c["concern"]]
    print(f"{m:7.3f} {100*sum(map(f, d))/len(d):6.1f}% {100*sum(map(f, o))/len(o):6.1f}%")
n = len(cases)
print(f"\nTime: {int(sys.argv[3])} ms for {n} answers, loading included "
      f"(the server loads once at start).")
