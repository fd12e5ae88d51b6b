-- Who is absent in a period, across an organisation (the competence search's availability filter):
-- a range scan on ends_on >= from, instead of a scan of every absence.
CREATE INDEX absence_org_period ON absence (org_id, ends_on, starts_on) INCLUDE (personnel_no);
