-- What an operator expects of batch jobs (issue 19 follow-up): chunks that keep failing stop being retried, jobs can
-- be cancelled, and the rows the contract check left out can be fetched with their line numbers.
--
-- 1. A chunk ends 'failed' after Worker:Jobs:MaxAttempts attempts (last_error says why), or 'cancelled' when its job
--    was cancelled before the chunk was scored.
ALTER TABLE job_chunks DROP CONSTRAINT IF EXISTS job_chunks_state_check;
ALTER TABLE job_chunks ADD CONSTRAINT job_chunks_state_check CHECK (state IN ('pending', 'leased', 'done', 'failed', 'cancelled'));
ALTER TABLE job_chunks ADD COLUMN IF NOT EXISTS last_error text;        -- why the latest attempt failed (no cell values)
ALTER TABLE job_chunks ADD COLUMN IF NOT EXISTS leased_at timestamptz;  -- when the current lease was taken

-- The open-chunk index covers every state a worker may still take.
DROP INDEX IF EXISTS job_chunks_open;
CREATE INDEX IF NOT EXISTS job_chunks_open_work ON job_chunks (state, lease_until) WHERE state IN ('pending', 'leased');

-- 2. Who cancelled a job, and when.
ALTER TABLE jobs ADD COLUMN IF NOT EXISTS cancelled_at timestamptz;
ALTER TABLE jobs ADD COLUMN IF NOT EXISTS cancelled_by text;

-- 3. The physical line of a rejected row in the submitted CSV (NULL for Parquet, or for rows stored before this
--    version), as the inbox's .errors.csv reports it.
ALTER TABLE job_row_errors ADD COLUMN IF NOT EXISTS line integer;
