-- Crisis deployment (issue 5): a declared crisis, its rule decisions, tasks and demand, allocation
-- requests solved as jobs, proposed positions, release by departments, confirmed and published
-- assignments (never overlapping for one person), notifications, calendar feeds, time records.

CREATE TABLE crisis (
    org_id                text NOT NULL REFERENCES organisation (org_id) ON DELETE CASCADE,
    crisis_id             bigint GENERATED ALWAYS AS IDENTITY,
    name                  text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    starts_on             date NOT NULL,
    ends_on               date NOT NULL,
    level                 smallint NOT NULL CHECK (level BETWEEN 0 AND 3),
    -- The rule profile in force: its id (a file in Config/rule-profiles) and its values as adjusted
    -- for this organisation, so a later change of the file does not rewrite history.
    rule_profile_id       text NOT NULL,
    rule_profile          jsonb NOT NULL,
    legal_basis           text NOT NULL CHECK (length(legal_basis) BETWEEN 1 AND 500),
    authority_reference   text,
    authority_expires_on  date,
    time_zone             text NOT NULL,
    version               integer NOT NULL DEFAULT 1,
    created_at            timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, crisis_id),
    CHECK (ends_on >= starts_on)
);

-- Every declaration and every change of level or rule profile: who, on which legal basis, for
-- which period and which people (empty: everyone deployed in the crisis).
CREATE TABLE rule_decision (
    org_id           text NOT NULL,
    decision_id      bigint GENERATED ALWAYS AS IDENTITY,
    crisis_id        bigint NOT NULL,
    decided_at       timestamptz NOT NULL,
    decided_by       text NOT NULL,
    kind             text NOT NULL CHECK (kind IN ('declare', 'level', 'profile', 'quota_override')),
    level            smallint NOT NULL CHECK (level BETWEEN 0 AND 3),
    rule_profile_id  text NOT NULL,
    legal_basis      text NOT NULL,
    reference        text,
    starts_on        date NOT NULL,
    ends_on          date NOT NULL,
    applies_to       text[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (org_id, decision_id),
    FOREIGN KEY (org_id, crisis_id) REFERENCES crisis (org_id, crisis_id) ON DELETE CASCADE,
    CHECK (ends_on >= starts_on)
);
CREATE INDEX rule_decision_crisis ON rule_decision (org_id, crisis_id, decision_id);

CREATE TABLE crisis_task (
    org_id     text NOT NULL,
    crisis_id  bigint NOT NULL,
    code       text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$'),
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    location   text,
    lead       text,
    priority   smallint NOT NULL CHECK (priority BETWEEN 1 AND 5),
    PRIMARY KEY (org_id, crisis_id, code),
    FOREIGN KEY (org_id, crisis_id) REFERENCES crisis (org_id, crisis_id) ON DELETE CASCADE
);

-- One shift of a task that needs people ("position" group): headcount min/target/max, the
-- competences everyone needs (requirements) and the mix some need, as JSON arrays.
CREATE TABLE shift_demand (
    org_id            text NOT NULL,
    demand_id         bigint GENERATED ALWAYS AS IDENTITY,
    crisis_id         bigint NOT NULL,
    task_code         text NOT NULL,
    kind              text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_-]{0,19}$'),
    period            tstzrange NOT NULL CHECK (NOT isempty(period) AND NOT lower_inf(period) AND NOT upper_inf(period)),
    headcount_min     integer NOT NULL CHECK (headcount_min >= 0),
    headcount_target  integer NOT NULL,
    headcount_max     integer,
    requirements      jsonb NOT NULL DEFAULT '[]'::jsonb,
    mixes             jsonb NOT NULL DEFAULT '[]'::jsonb,
    priority          smallint NOT NULL CHECK (priority BETWEEN 1 AND 5),
    PRIMARY KEY (org_id, demand_id),
    FOREIGN KEY (org_id, crisis_id, task_code) REFERENCES crisis_task (org_id, crisis_id, code) ON DELETE CASCADE,
    CHECK (headcount_target >= headcount_min),
    CHECK (headcount_max IS NULL OR headcount_max >= headcount_target),
    -- Importing the same CSV twice gives the same demand.
    UNIQUE (org_id, crisis_id, task_code, kind, period)
);
CREATE INDEX shift_demand_start ON shift_demand (org_id, crisis_id, lower(period));

-- Requests are idempotent: the key is unique per organisation; the hash of the body tells a
-- retry (same body) from a mistake (same key, other body).
CREATE TABLE allocation_request (
    org_id           text NOT NULL,
    request_id       bigint GENERATED ALWAYS AS IDENTITY,
    crisis_id        bigint NOT NULL,
    idempotency_key  text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
    request_hash     text NOT NULL,
    body             jsonb NOT NULL,
    urgent           boolean NOT NULL DEFAULT false,
    created_by       text NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, request_id),
    FOREIGN KEY (org_id, crisis_id) REFERENCES crisis (org_id, crisis_id) ON DELETE CASCADE,
    UNIQUE (org_id, idempotency_key)
);

CREATE TABLE solver_job (
    org_id              text NOT NULL,
    job_id              bigint GENERATED ALWAYS AS IDENTITY,
    crisis_id           bigint NOT NULL,
    request_id          bigint,
    kind                text NOT NULL CHECK (kind IN ('proposal', 'resolve', 'repair')),
    status              text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    -- What the job solves: demand ids, people to leave out per demand, events.
    input               jsonb NOT NULL,
    seed                bigint NOT NULL,
    time_limit_seconds  float8 NOT NULL CHECK (time_limit_seconds > 0 AND time_limit_seconds <= 600),
    urgent              boolean NOT NULL DEFAULT false,
    progress            real NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
    best_score          text,
    result              jsonb,
    error               text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    finished_at         timestamptz,
    PRIMARY KEY (org_id, job_id),
    FOREIGN KEY (org_id, crisis_id) REFERENCES crisis (org_id, crisis_id) ON DELETE CASCADE,
    FOREIGN KEY (org_id, request_id) REFERENCES allocation_request (org_id, request_id) ON DELETE CASCADE
);

-- A person the solver (or the crisis staff) put on a shift, with why and the next best choices.
CREATE TABLE proposed_position (
    org_id        text NOT NULL,
    position_id   bigint GENERATED ALWAYS AS IDENTITY,
    crisis_id     bigint NOT NULL,
    job_id        bigint,
    demand_id     bigint NOT NULL,
    personnel_no  text NOT NULL,
    status        text NOT NULL CHECK (status IN ('proposed', 'accepted', 'pinned', 'refused', 'replaced', 'confirmed', 'cancelled')),
    why           jsonb NOT NULL DEFAULT '{}'::jsonb,
    alternatives  jsonb NOT NULL DEFAULT '[]'::jsonb,
    version       integer NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, position_id),
    FOREIGN KEY (org_id, crisis_id) REFERENCES crisis (org_id, crisis_id) ON DELETE CASCADE,
    FOREIGN KEY (org_id, job_id) REFERENCES solver_job (org_id, job_id) ON DELETE CASCADE,
    FOREIGN KEY (org_id, demand_id) REFERENCES shift_demand (org_id, demand_id) ON DELETE CASCADE,
    FOREIGN KEY (org_id, personnel_no) REFERENCES staff (org_id, personnel_no) ON DELETE CASCADE
);
CREATE INDEX proposed_position_job ON proposed_position (org_id, job_id);
CREATE INDEX proposed_position_demand ON proposed_position (org_id, demand_id);

CREATE TABLE release_request (
    org_id           text NOT NULL,
    release_id       bigint GENERATED ALWAYS AS IDENTITY,
    position_id      bigint NOT NULL,
    department_code  text NOT NULL,
    personnel_no     text NOT NULL,
    deadline         timestamptz NOT NULL,
    status           text NOT NULL CHECK (status IN ('pending', 'approved', 'refused', 'expired')),
    decided_by       text,
    decided_at       timestamptz,
    note             text,
    PRIMARY KEY (org_id, release_id),
    FOREIGN KEY (org_id, position_id) REFERENCES proposed_position (org_id, position_id) ON DELETE CASCADE,
    FOREIGN KEY (org_id, department_code) REFERENCES department (org_id, code),
    UNIQUE (org_id, position_id)
);
CREATE INDEX release_request_pending ON release_request (org_id, deadline) WHERE status = 'pending';

-- Confirmed and published shifts. The database itself forbids two live assignments of one person
-- that overlap in time, whoever confirms them and however concurrently.
CREATE TABLE assignment (
    org_id          text NOT NULL,
    assignment_id   bigint GENERATED ALWAYS AS IDENTITY,
    crisis_id       bigint NOT NULL,
    demand_id       bigint NOT NULL,
    position_id     bigint,
    personnel_no    text NOT NULL,
    period          tstzrange NOT NULL,
    status          text NOT NULL CHECK (status IN ('confirmed', 'published', 'cancelled')),
    -- Set when something (an absence) makes the assignment impossible; cleared by repair.
    flag            text,
    quota_override  text,
    confirmed_by    text NOT NULL,
    confirmed_at    timestamptz NOT NULL,
    published_at    timestamptz,
    version         integer NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, assignment_id),
    FOREIGN KEY (org_id, crisis_id) REFERENCES crisis (org_id, crisis_id) ON DELETE CASCADE,
    FOREIGN KEY (org_id, demand_id) REFERENCES shift_demand (org_id, demand_id) ON DELETE CASCADE,
    FOREIGN KEY (org_id, position_id) REFERENCES proposed_position (org_id, position_id) ON DELETE SET NULL,
    FOREIGN KEY (org_id, personnel_no) REFERENCES staff (org_id, personnel_no) ON DELETE CASCADE,
    CONSTRAINT assignment_no_overlap EXCLUDE USING gist (org_id WITH =, personnel_no WITH =, period WITH &&) WHERE (status <> 'cancelled')
);
CREATE INDEX assignment_demand ON assignment (org_id, demand_id);
CREATE INDEX assignment_crisis ON assignment (org_id, crisis_id, status);

-- What must be told to whom; a sender (e-mail, push) marks rows sent.
CREATE TABLE notification_outbox (
    org_id           text NOT NULL,
    notification_id  bigint GENERATED ALWAYS AS IDENTITY,
    personnel_no     text NOT NULL,
    assignment_id    bigint,
    kind             text NOT NULL CHECK (kind IN ('new', 'changed', 'cancelled')),
    payload          jsonb NOT NULL,
    created_at       timestamptz NOT NULL,
    sent_at          timestamptz,
    PRIMARY KEY (org_id, notification_id)
);
CREATE INDEX notification_outbox_unsent ON notification_outbox (org_id, notification_id) WHERE sent_at IS NULL;

-- A personal calendar URL: only the SHA-256 of its secret is stored; revoking ends it.
CREATE TABLE calendar_feed (
    org_id        text NOT NULL,
    feed_id       bigint GENERATED ALWAYS AS IDENTITY,
    personnel_no  text NOT NULL,
    secret_hash   bytea NOT NULL UNIQUE,
    created_at    timestamptz NOT NULL,
    revoked_at    timestamptz,
    PRIMARY KEY (org_id, feed_id),
    FOREIGN KEY (org_id, personnel_no) REFERENCES staff (org_id, personnel_no) ON DELETE CASCADE
);

-- Hours actually worked (§16(2) ArbZG: kept at least two years). The row keeps the person and the
-- shift itself, so it outlives the assignment and the crisis it came from.
CREATE TABLE time_record (
    org_id          text NOT NULL,
    record_id       bigint GENERATED ALWAYS AS IDENTITY,
    assignment_id   bigint,
    personnel_no    text NOT NULL,
    shift_period    tstzrange NOT NULL,
    worked_minutes  integer NOT NULL CHECK (worked_minutes BETWEEN 0 AND 1440),
    corrected       boolean NOT NULL DEFAULT false,
    note            text,
    recorded_by     text NOT NULL,
    recorded_at     timestamptz NOT NULL,
    PRIMARY KEY (org_id, record_id),
    FOREIGN KEY (org_id, assignment_id) REFERENCES assignment (org_id, assignment_id) ON DELETE SET NULL (assignment_id),
    UNIQUE (org_id, assignment_id)
);
CREATE INDEX time_record_person ON time_record (org_id, personnel_no);
