-- Scoring while submitting (issue 19 follow-up): a job's chunks are stored a row group (or a few chunks) at a time,
-- in small transactions, so that workers can score the first chunks while the submitting worker is still reading
-- the file. Until its last chunk is stored a job is 'submitting' (its total is what has been stored so far) and
-- cannot look finished.
--
-- submit_state: 'submitting' (the submitter holds a submit lease until submit_lease_until and renews it), 'submitted'
-- (every chunk is stored; jobs written before this version are all submitted), or 'failed' (the file turned out to
-- be unreadable part-way, or the submitter stopped renewing its lease: submit_error says which; chunks not yet
-- scored were cancelled).
ALTER TABLE jobs ADD COLUMN IF NOT EXISTS submit_state text NOT NULL DEFAULT 'submitted';
ALTER TABLE jobs DROP CONSTRAINT IF EXISTS jobs_submit_state_check;
ALTER TABLE jobs ADD CONSTRAINT jobs_submit_state_check CHECK (submit_state IN ('submitting', 'submitted', 'failed'));
ALTER TABLE jobs ADD COLUMN IF NOT EXISTS submit_owner text;
ALTER TABLE jobs ADD COLUMN IF NOT EXISTS submit_lease_until timestamptz;
ALTER TABLE jobs ADD COLUMN IF NOT EXISTS submit_error text;
CREATE INDEX IF NOT EXISTS jobs_submitting ON jobs (submit_lease_until) WHERE submit_state = 'submitting';
