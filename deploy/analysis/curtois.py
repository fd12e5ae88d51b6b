"""Curtois & Qu instances and rosters for the analysis scripts: parsing, every rule of a row
checked from scratch, request penalties and the whole objective. Shares no code with the engine.

A roster is the tab-separated grid `surge bench curtois --roster-dir DIR` writes: one line per
person in SECTION_STAFF order, one column per day, a shift id or nothing for a day off.
"""
import collections


class Instance:
    def __init__(self, path):
        self.shifts, self.staff, self.on, self.off, self.cover, self.days_off = {}, [], [], [], {}, {}
        section = None
        for line in open(path, encoding='utf-8'):
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            if line.startswith('SECTION_'):
                section = line
                continue
            f = line.split(',')
            if section == 'SECTION_HORIZON':
                self.days = int(f[0])
            elif section == 'SECTION_SHIFTS':
                self.shifts[f[0]] = (int(f[1]), set(f[2].split('|')) if len(f) > 2 and f[2] else set())
            elif section == 'SECTION_STAFF':
                caps = {kv.split('=')[0]: int(kv.split('=')[1]) for kv in f[1].split('|')}
                self.staff.append(dict(id=f[0], caps=caps, max_total=int(f[2]), min_total=int(f[3]),
                                       max_cons=int(f[4]), min_cons=int(f[5]), min_off=int(f[6]), max_weekends=int(f[7])))
            elif section == 'SECTION_DAYS_OFF':
                self.days_off[f[0]] = set(map(int, f[1:]))
            elif section == 'SECTION_SHIFT_ON_REQUESTS':
                self.on.append((f[0], int(f[1]), f[2], int(f[3])))
            elif section == 'SECTION_SHIFT_OFF_REQUESTS':
                self.off.append((f[0], int(f[1]), f[2], int(f[3])))
            elif section == 'SECTION_COVER':
                self.cover[(int(f[0]), f[1])] = (int(f[2]), int(f[3]), int(f[4]))
        self.index = {s['id']: i for i, s in enumerate(self.staff)}
        self.on_by_person = collections.defaultdict(list)
        self.off_by_person = collections.defaultdict(list)
        for e, d, k, w in self.on:
            self.on_by_person[self.index[e]].append((d, k, w))
        for e, d, k, w in self.off:
            self.off_by_person[self.index[e]].append((d, k, w))
        self.weekends = list(range(5, self.days, 7))  # every instance starts on a Monday

    def read_roster(self, path):
        rows = [[c if c else None for c in line.rstrip('\n').split('\t')] for line in open(path)]
        assert len(rows) == len(self.staff) and all(len(r) == self.days for r in rows), 'roster shape'
        return rows

    def feasible(self, i, row):
        """Every hard rule of person i's row, as the benchmark states them."""
        e, h = self.staff[i], self.days
        for d in range(h - 1):
            a, b = row[d], row[d + 1]
            if a and b and b in self.shifts[a][1]:
                return False
        for s, n in collections.Counter(c for c in row if c).items():
            if n > e['caps'].get(s, 0):
                return False
        total = sum(self.shifts[c][0] for c in row if c)
        if total > e['max_total'] or total < e['min_total']:
            return False
        d = 0
        while d < h:
            working, end = row[d] is not None, d
            while end + 1 < h and (row[end + 1] is not None) == working:
                end += 1
            length, interior = end - d + 1, d > 0 and end < h - 1
            if working and (length > e['max_cons'] or (interior and length < e['min_cons'])):
                return False
            if not working and interior and length < e['min_off']:
                return False
            d = end + 1
        if sum(1 for w in self.weekends if row[w] or (w + 1 < h and row[w + 1])) > e['max_weekends']:
            return False
        return not any(row[d] for d in self.days_off.get(e['id'], ()))

    def request_cost(self, i, row):
        return (sum(w for d, k, w in self.on_by_person[i] if row[d] != k)
                + sum(w for d, k, w in self.off_by_person[i] if row[d] == k))

    def objective(self, rows):
        """The benchmark objective of a whole roster, from scratch."""
        cost = sum(self.request_cost(i, r) for i, r in enumerate(rows))
        count = collections.Counter((d, c) for r in rows for d, c in enumerate(r) if c)
        for key, (req, under, over) in self.cover.items():
            n = count[key]
            cost += under * max(0, req - n) + over * max(0, n - req)
        return cost

    def holders(self, rows, p, d, k):
        """Everyone but p who works shift k on day d."""
        return [q for q in range(len(rows)) if q != p and rows[q][d] == k]

    def unmet_on_requests(self, rows):
        return [(self.index[e], d, k, w) for e, d, k, w in self.on if rows[self.index[e]][d] != k]
