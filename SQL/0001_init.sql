-- Surge register schema.
-- Every table carries org_id (the municipality) as the first column of its key, so that one
-- installation can serve several municipalities and the schema can be sharded by org_id later.

CREATE TABLE organisation (
    org_id        text PRIMARY KEY CHECK (org_id ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    time_zone     text NOT NULL DEFAULT 'Europe/Berlin',
    crisis_level  smallint NOT NULL DEFAULT 0 CHECK (crisis_level BETWEEN 0 AND 3),
    version       integer NOT NULL DEFAULT 1,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- Dezernat > Amt > Abteilung.
CREATE TABLE department (
    org_id        text NOT NULL REFERENCES organisation (org_id) ON DELETE CASCADE,
    code          text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$'),
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kind          text NOT NULL CHECK (kind IN ('dezernat', 'amt', 'abteilung')),
    parent_code   text,
    version       integer NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, code),
    FOREIGN KEY (org_id, parent_code) REFERENCES department (org_id, code),
    CHECK (parent_code IS NULL OR parent_code <> code)
);
CREATE INDEX department_parent ON department (org_id, parent_code);

CREATE TABLE staff (
    org_id              text NOT NULL REFERENCES organisation (org_id) ON DELETE CASCADE,
    personnel_no        text NOT NULL CHECK (personnel_no ~ '^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$'),
    first_name          text NOT NULL CHECK (length(first_name) BETWEEN 1 AND 100),
    last_name           text NOT NULL CHECK (length(last_name) BETWEEN 1 AND 100),
    department_code     text NOT NULL,
    contract_hours_week numeric(5,2) NOT NULL CHECK (contract_hours_week > 0 AND contract_hours_week <= 60),
    fte                 numeric(4,3) NOT NULL CHECK (fte > 0 AND fte <= 1.5),
    status_group        text NOT NULL CHECK (status_group IN ('employee', 'civil_servant', 'trainee')),
    rule_profile        text NOT NULL DEFAULT 'normal',
    email               text,
    phone               text,
    version             integer NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, personnel_no),
    FOREIGN KEY (org_id, department_code) REFERENCES department (org_id, code)
);
CREATE INDEX staff_department ON staff (org_id, department_code);

CREATE TABLE competence (
    org_id      text NOT NULL REFERENCES organisation (org_id) ON DELETE CASCADE,
    code        text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$'),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    category    text NOT NULL CHECK (category IN ('skill', 'certificate', 'language', 'driving_licence', 'training')),
    -- NULL: the competence has no levels (held or not, stored as level 1).
    max_level   smallint CHECK (max_level BETWEEN 1 AND 9),
    expires     boolean NOT NULL DEFAULT false,
    version     integer NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, code)
);

-- "holding code implies holding implied_code" (C1 implies B; physician implies first aid).
-- Searches follow the relation transitively; the implied level is the holder's level capped at
-- the implied competence's max_level.
CREATE TABLE competence_implication (
    org_id        text NOT NULL,
    code          text NOT NULL,
    implied_code  text NOT NULL,
    PRIMARY KEY (org_id, code, implied_code),
    FOREIGN KEY (org_id, code) REFERENCES competence (org_id, code) ON DELETE CASCADE,
    FOREIGN KEY (org_id, implied_code) REFERENCES competence (org_id, code) ON DELETE CASCADE,
    CHECK (code <> implied_code)
);
CREATE INDEX competence_implication_implied ON competence_implication (org_id, implied_code);

CREATE TABLE staff_competence (
    org_id           text NOT NULL,
    personnel_no     text NOT NULL,
    competence_code  text NOT NULL,
    level            smallint NOT NULL DEFAULT 1 CHECK (level BETWEEN 1 AND 9),
    valid_from       date NOT NULL DEFAULT '1900-01-01',
    valid_until      date,
    verified_by      text,
    verified_at      date,
    version          integer NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, personnel_no, competence_code),
    FOREIGN KEY (org_id, personnel_no) REFERENCES staff (org_id, personnel_no) ON DELETE CASCADE,
    FOREIGN KEY (org_id, competence_code) REFERENCES competence (org_id, code),
    CHECK (valid_until IS NULL OR valid_until >= valid_from)
);
-- The allocation search: who holds competence X at level >= L on day D.
CREATE INDEX staff_competence_search ON staff_competence (org_id, competence_code, level, valid_from, valid_until) INCLUDE (personnel_no);
CREATE INDEX staff_competence_lapsing ON staff_competence (org_id, valid_until) WHERE valid_until IS NOT NULL;

CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE absence (
    org_id        text NOT NULL,
    absence_id    bigint GENERATED ALWAYS AS IDENTITY,
    personnel_no  text NOT NULL,
    -- A category, never a diagnosis.
    category      text NOT NULL CHECK (category IN ('vacation', 'sick', 'training', 'other')),
    starts_on     date NOT NULL,
    ends_on       date NOT NULL,
    version       integer NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, absence_id),
    FOREIGN KEY (org_id, personnel_no) REFERENCES staff (org_id, personnel_no) ON DELETE CASCADE,
    CHECK (ends_on >= starts_on),
    -- Makes CSV imports idempotent: the same absence twice is one absence.
    UNIQUE (org_id, personnel_no, category, starts_on, ends_on)
);
CREATE INDEX absence_period ON absence USING gist (org_id, personnel_no, daterange(starts_on, ends_on, '[]'));

-- Weekly availability of part-time staff: ISO weekday 1 (Monday) .. 7 (Sunday).
CREATE TABLE availability (
    org_id        text NOT NULL,
    personnel_no  text NOT NULL,
    weekday       smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_time    time NOT NULL,
    end_time      time NOT NULL,
    PRIMARY KEY (org_id, personnel_no, weekday, start_time),
    FOREIGN KEY (org_id, personnel_no) REFERENCES staff (org_id, personnel_no) ON DELETE CASCADE,
    CHECK (end_time > start_time)
);

CREATE TABLE pool_membership (
    org_id          text NOT NULL,
    membership_id   bigint GENERATED ALWAYS AS IDENTITY,
    personnel_no    text NOT NULL,
    kind            text NOT NULL CHECK (kind IN ('volunteer', 'designated', 'trainee', 'retiree', 'lent')),
    valid_from      date NOT NULL,
    valid_until     date,
    max_hours_week  numeric(5,2) NOT NULL CHECK (max_hours_week > 0 AND max_hours_week <= 60),
    released_by     text,
    consent_at      date,
    lending_org     text,
    version         integer NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, membership_id),
    FOREIGN KEY (org_id, personnel_no) REFERENCES staff (org_id, personnel_no) ON DELETE CASCADE,
    CHECK (valid_until IS NULL OR valid_until >= valid_from),
    -- Volunteers are in the pool only with their recorded consent.
    CHECK (kind <> 'volunteer' OR consent_at IS NOT NULL),
    CHECK (kind <> 'lent' OR lending_org IS NOT NULL),
    UNIQUE (org_id, personnel_no, valid_from)
);
CREATE INDEX pool_membership_person ON pool_membership (org_id, personnel_no);

-- A department's regular duties and the FTE each needs at crisis levels 0..3.
CREATE TABLE regular_task (
    org_id           text NOT NULL,
    department_code  text NOT NULL,
    code             text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$'),
    name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- A must continue, B may be reduced, C may pause.
    priority_class   char(1) NOT NULL CHECK (priority_class IN ('A', 'B', 'C')),
    fte_level0       numeric(7,2) NOT NULL CHECK (fte_level0 >= 0),
    fte_level1       numeric(7,2) NOT NULL CHECK (fte_level1 >= 0),
    fte_level2       numeric(7,2) NOT NULL CHECK (fte_level2 >= 0),
    fte_level3       numeric(7,2) NOT NULL CHECK (fte_level3 >= 0),
    version          integer NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, department_code, code),
    FOREIGN KEY (org_id, department_code) REFERENCES department (org_id, code) ON DELETE CASCADE
);

-- People released from their department to crisis work: what a quota is "used" by.
CREATE TABLE secondment (
    org_id          text NOT NULL,
    secondment_id   bigint GENERATED ALWAYS AS IDENTITY,
    personnel_no    text NOT NULL,
    starts_on       date NOT NULL,
    ends_on         date NOT NULL,
    fte             numeric(4,3) NOT NULL CHECK (fte > 0 AND fte <= 1.5),
    note            text,
    PRIMARY KEY (org_id, secondment_id),
    FOREIGN KEY (org_id, personnel_no) REFERENCES staff (org_id, personnel_no) ON DELETE CASCADE,
    CHECK (ends_on >= starts_on)
);
CREATE INDEX secondment_period ON secondment USING gist (org_id, daterange(starts_on, ends_on, '[]'));

CREATE TABLE api_token (
    org_id           text NOT NULL REFERENCES organisation (org_id) ON DELETE CASCADE,
    token_id         bigint GENERATED ALWAYS AS IDENTITY,
    name             text NOT NULL,
    role             text NOT NULL CHECK (role IN ('admin', 'hr', 'department_head', 'crisis_staff', 'staff', 'auditor')),
    department_code  text,
    personnel_no     text,
    -- SHA-256 of the token; the token itself is never stored.
    token_hash       bytea NOT NULL UNIQUE,
    created_at       timestamptz NOT NULL DEFAULT now(),
    revoked_at       timestamptz,
    PRIMARY KEY (org_id, token_id),
    FOREIGN KEY (org_id, department_code) REFERENCES department (org_id, code),
    FOREIGN KEY (org_id, personnel_no) REFERENCES staff (org_id, personnel_no) ON DELETE CASCADE,
    CHECK (role <> 'department_head' OR department_code IS NOT NULL),
    CHECK (role <> 'staff' OR personnel_no IS NOT NULL)
);

CREATE TABLE audit_log (
    org_id      text NOT NULL,
    audit_id    bigint GENERATED ALWAYS AS IDENTITY,
    at          timestamptz NOT NULL DEFAULT now(),
    actor       text NOT NULL,
    action      text NOT NULL CHECK (action IN ('create', 'update', 'delete', 'import')),
    entity      text NOT NULL,
    entity_key  text NOT NULL,
    change      jsonb NOT NULL DEFAULT '{}'::jsonb,
    PRIMARY KEY (org_id, audit_id)
);
CREATE INDEX audit_log_entity ON audit_log (org_id, entity, entity_key);
