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

rules = lambda c: c["out"]["nearest"]["rule"] is not None
detector = lambda c: c["out"]["concern"] is not None
table("heldout", rules, "Rules alone")
table("heldout", detector, "Rules and meaning (the detector as it runs)")

print("\nThresholds on the dev part only (similarity, margin over the nearest ordinary example):")
dev = [c for c in cases if c["split"] == "dev"]
def meaning(t, m):
    return lambda c: rules(c) or (c["out"]["nearest"]["similarity"] >= t
                                  and c["out"]["nearest"]["similarity"] >= c["out"]["nearest"]["ordinary"] + m)
print(f"{'threshold':>9} {'margin':>7} {'recall':>7} {'false':>7}")
for t in [0.40, 0.45, 0.50, 0.55, 0.60]:
    for m in [-0.06, -0.02, 0.0, 0.02]:
        f = meaning(t, m)
        d = [c for c in dev if c["concern"]]
        o = [c for c in dev if not c["concern"]]
        print(f"{t:9.2f} {m:7.2f} {100*sum(map(f, d))/len(d):6.1f}% {100*sum(map(f, o))/len(o):6.1f}%")
n = len(cases)
print(f"\nTime: {int(sys.argv[3])} ms for {n} answers, loading included "
      f"(the server loads once at start).")
