-- Section B (absences, pool, tasks, quotas, demo seeding).

-- Deleting a person cascades to their secondments: without this index every deleted staff row
-- scans the whole secondment table (`surge seed demo --replace` of 50,000 staff took ~1 minute).
-- It also serves the quota report's join from secondments to their people.
CREATE INDEX secondment_person ON secondment (org_id, personnel_no);

-- Same for tokens bound to a person or a department (deleted with them or checked on delete).
CREATE INDEX api_token_person ON api_token (org_id, personnel_no) WHERE personnel_no IS NOT NULL;
CREATE INDEX api_token_department ON api_token (org_id, department_code) WHERE department_code IS NOT NULL;

-- The GiST index of 0001 on (org_id, personnel_no, daterange) was what the planner picked for the
-- per-person lookups (foreign-key checks and cascades when staff are deleted, the quota report's
-- "absent on the day"), at ~5 ms each: deleting 50,000 staff took minutes. A B-tree on the person
-- and the dates answers the same questions in microseconds; absences are few per person.
DROP INDEX absence_period;
CREATE INDEX absence_person ON absence (org_id, personnel_no, starts_on, ends_on);
