"""Can an unmet wish to work a shift be granted by a small exchange, everyone else fixed?

usage: python3 exchanges.py INSTANCE ROSTER [EXTRA_DAYS]

1. Two people: the wisher and someone who works the wished shift that day exchange their cells
   on the wish's day and on up to EXTRA_DAYS (default 2) other days; cover stays as it is.
2. Three people, one day each: the wisher takes the shift and gives up another day's shift, the
   holder takes a shift on a day it is off from a third person, who takes the wisher's.
Counts the wishes for which some such exchange keeps every row legal and lowers the requests.
"""
import itertools, sys
from curtois import Instance

inst = Instance(sys.argv[1])
rows = inst.read_roster(sys.argv[2])
extra_days = int(sys.argv[3]) if len(sys.argv) > 3 else 2
P, D = len(rows), inst.days
unmet = inst.unmet_on_requests(rows)
print(f'objective {inst.objective(rows)}, unmet on-requests {len(unmet)} (weight {sum(w for *_, w in unmet)})')

def changed(i, cells):
    r = rows[i][:]
    for d, c in cells:
        r[d] = c
    return r

granted, gain, candidates = 0, 0, 0
for p, d, k, _ in unmet:
    best = 0
    for q in inst.holders(rows, p, d, k):
        before = inst.request_cost(p, rows[p]) + inst.request_cost(q, rows[q])
        others = [t for t in range(D) if t != d and rows[p][t] != rows[q][t]]
        for m in range(extra_days + 1):
            for extra in itertools.combinations(others, m):
                candidates += 1
                rp, rq = rows[p][:], rows[q][:]
                for t in (d,) + extra:
                    rp[t], rq[t] = rq[t], rp[t]
                delta = inst.request_cost(p, rp) + inst.request_cost(q, rq) - before
                if delta < best and inst.feasible(p, rp) and inst.feasible(q, rq):
                    best = delta
    if best < 0:
        granted += 1; gain += best
print(f'two-person exchanges of up to {extra_days + 1} days ({candidates} checked): {granted} wishes granted, gain {gain}')

granted, gain = 0, 0
kinds_on = [{r[t] for r in rows if r[t]} for t in range(D)]  # shifts worked on each day
for p, d, k, _ in unmet:
    if rows[p][d] is not None:
        continue
    base_p = inst.request_cost(p, rows[p])
    p_options = []
    for d2 in range(D):
        if d2 != d and rows[p][d2] is not None:
            rp = changed(p, [(d, k), (d2, None)])
            if inst.feasible(p, rp):
                p_options.append((d2, rows[p][d2], inst.request_cost(p, rp) - base_p))
    best = 0
    for q in inst.holders(rows, p, d, k):
        base_q = inst.request_cost(q, rows[q])
        for d3 in (t for t in range(D) if t != d and rows[q][t] is None):
            for k3 in kinds_on[d3]:
                if inst.staff[q]['caps'].get(k3, 0) == 0:
                    continue
                rq = changed(q, [(d, None), (d3, k3)])
                if not inst.feasible(q, rq):
                    continue
                dq = inst.request_cost(q, rq) - base_q
                for d2, k2, dp in p_options:
                    if d2 == d3 or dp + dq >= best:
                        continue
                    for r in range(P):
                        if r in (p, q) or rows[r][d3] != k3 or rows[r][d2] is not None or inst.staff[r]['caps'].get(k2, 0) == 0:
                            continue
                        rr = changed(r, [(d3, None), (d2, k2)])
                        if inst.feasible(r, rr):
                            best = min(best, dp + dq + inst.request_cost(r, rr) - inst.request_cost(r, rows[r]))
    if best < 0:
        granted += 1; gain += best
print(f'three-person chains of one day each: {granted} wishes granted, gain {gain}')
