"""Exact re-optimisation of a group of people with everyone else fixed: the group's rows as an
integer program with every rule (HiGHS through scipy.optimize.milp; `pip install scipy`).

usage: python3 group_reopt.py INSTANCE ROSTER GROUP_SIZE TRIALS SEED [--iterate] [--fewest-changes] [--time-limit S] [--out FILE]

Each trial draws a group around an unmet wish to work a shift: the wisher, up to half the group
from those who work the wished shift that day, the rest at random. With --iterate every
improvement is applied before the next draw (a large-neighbourhood search with an exact
sub-solver). With --fewest-changes, ties are broken towards the fewest changed days (a cost
below one point in all, so the objective stays optimal; HiGHS's gap tolerance may leave a few
more). The objective is recomputed from scratch and every changed row re-checked.
"""
import argparse, collections, random
import numpy as np
from scipy.optimize import milp, LinearConstraint, Bounds
from scipy.sparse import lil_matrix
from curtois import Instance

ap = argparse.ArgumentParser()
ap.add_argument('instance'); ap.add_argument('roster')
ap.add_argument('size', type=int); ap.add_argument('trials', type=int); ap.add_argument('seed', type=int)
ap.add_argument('--iterate', action='store_true'); ap.add_argument('--time-limit', type=float, default=60)
ap.add_argument('--out'); ap.add_argument('--fewest-changes', action='store_true')
a = ap.parse_args()
inst = Instance(a.instance)
rows = inst.read_roster(a.roster)
P, D, S = len(rows), inst.days, list(inst.shifts)


def solve(group):
    var = {}
    for p in group:
        for d in range(D):
            if d not in inst.days_off.get(inst.staff[p]['id'], ()):
                for s in S:
                    if inst.staff[p]['caps'].get(s, 0) > 0:
                        var[(p, d, s)] = len(var)
    for p in group:
        for w in inst.weekends:
            var[('weekend', p, w)] = len(var)
    for key in inst.cover:
        var[('under', key)] = len(var); var[('over', key)] = len(var)
    n = len(var)
    c = np.zeros(n); rows_a, lo, hi = [], [], []

    def con(terms, l, h):
        rows_a.append(terms); lo.append(l); hi.append(h)

    fixed = collections.Counter((d, x) for i, r in enumerate(rows) if i not in group for d, x in enumerate(r) if x)
    for key, (req, under, over) in inst.cover.items():
        c[var[('under', key)]] = under; c[var[('over', key)]] = over
        d, s = key
        con([(var[(p, d, s)], 1) for p in group if (p, d, s) in var] + [(var[('under', key)], 1), (var[('over', key)], -1)],
            req - fixed[key], req - fixed[key])
    for p in group:
        e = inst.staff[p]
        def work(d):
            return [(var[(p, d, s)], 1) for s in S if (p, d, s) in var]
        for d in range(D):
            con(work(d), 0, 1)
        for d in range(D - 1):
            for x in S:
                for y in sorted(inst.shifts[x][1]):  # a fixed order: the same program, the same answer, every run
                    if (p, d, x) in var and (p, d + 1, y) in var:
                        con([(var[(p, d, x)], 1), (var[(p, d + 1, y)], 1)], 0, 1)
        for s in S:
            terms = [(var[(p, d, s)], 1) for d in range(D) if (p, d, s) in var]
            if terms:
                con(terms, 0, e['caps'][s])
        con([(var[(p, d, s)], inst.shifts[s][0]) for d in range(D) for s in S if (p, d, s) in var], e['min_total'], e['max_total'])
        for d in range(D - e['max_cons']):
            con(sum((work(t) for t in range(d, d + e['max_cons'] + 1)), []), 0, e['max_cons'])
        for d in range(1, D):
            # No interior run of l < minimum working days (or days off) between days d-1 and d+l.
            for l in range(1, e['min_cons']):
                if d + l <= D - 1:
                    con([(i, -1) for i, _ in work(d - 1)] + sum(([(i, 1) for i, _ in work(x)] for x in range(d, d + l)), [])
                        + [(i, -1) for i, _ in work(d + l)], -10**6, l - 1)
            for l in range(1, e['min_off']):
                if d + l <= D - 1:
                    con([(i, 1) for i, _ in work(d - 1)] + sum(([(i, -1) for i, _ in work(x)] for x in range(d, d + l)), [])
                        + [(i, 1) for i, _ in work(d + l)], -10**6, 1)
        for w in inst.weekends:
            y = var[('weekend', p, w)]
            for x in (w, w + 1):
                if x < D:
                    con([(y, 1)] + [(i, -1) for i, _ in work(x)], 0, 1)
        con([(var[('weekend', p, w)], 1) for w in inst.weekends], 0, e['max_weekends'])
        for d, k, w in inst.on_by_person[p]:
            if (p, d, k) in var:
                c[var[(p, d, k)]] -= w
        for d, k, w in inst.off_by_person[p]:
            if (p, d, k) in var:
                c[var[(p, d, k)]] += w
    if a.fewest_changes:
        eps = 1 / (4 * len(group) * D + 1)
        for key, i in var.items():
            if isinstance(key[0], int):
                p, d, s = key
                c[i] += -eps if rows[p][d] == s else eps
    A = lil_matrix((len(rows_a), n))
    for r, terms in enumerate(rows_a):
        for i, v in terms:
            A[r, i] += v
    integral, upper = np.ones(n), np.ones(n)
    for key in inst.cover:
        for t in ('under', 'over'):
            integral[var[(t, key)]] = 0; upper[var[(t, key)]] = np.inf
    res = milp(c, constraints=LinearConstraint(A.tocsr(), lo, hi), integrality=integral, bounds=Bounds(0, upper),
               options={'time_limit': a.time_limit})
    if res.x is None:
        return None, res.status
    new = [r[:] for r in rows]
    for p in group:
        new[p] = [None] * D
    for key, i in var.items():
        if isinstance(key[0], int) and res.x[i] > 0.5:
            new[key[0]][key[1]] = key[2]
    return new, res.status


rnd = random.Random(a.seed)
objective = inst.objective(rows)
print(f'start objective {objective}')
improved = tried = 0
for t in range(a.trials):
    unmet = inst.unmet_on_requests(rows)
    if not unmet:
        break
    p, d, k, _ = rnd.choice(unmet)
    holders = inst.holders(rows, p, d, k)
    rnd.shuffle(holders)
    group = [p] + holders[:max(1, (a.size - 1) // 2)]
    rest = [q for q in range(P) if q not in group]
    rnd.shuffle(rest)
    group += rest[:a.size - len(group)]
    new, status = solve(set(group))
    tried += 1
    if new is None:
        print(f'{t}: no solution (status {status})'); continue
    value = inst.objective(new)
    assert all(inst.feasible(q, new[q]) for q in group), 'a re-planned row breaks a rule'
    gain = objective - value
    if gain > 0:
        improved += 1
    print(f'{t}: group of {len(group)}, gain {gain} (status {status}: 0 optimal, 1 time limit)', flush=True)
    if gain > 0:
        # How far the improvement moves each member (session 17: every member, by 2-17 days).
        changed = sorted((sum(1 for d in range(D) if new[q][d] != rows[q][d]) for q in group), reverse=True)
        print(f'   days changed per member: {changed}', flush=True)
    if a.iterate and gain > 0:
        rows, objective = new, value
print(f'end objective {objective}; {improved} of {tried} groups improved')
if a.out:
    with open(a.out, 'w') as f:
        for r in rows:
            f.write('\t'.join(c or '' for c in r) + '\n')
