-- Narrower predictions rows (issue 19 follow-up): a chunk is scored and committed by one model, and its job_chunks
-- row has always recorded which (model_version); each predictions row repeated the 64-character version as well,
-- about 65 of its ~140 bytes (heap and WAL) for every patient. The version is now read from the chunk.
--
-- 1. Chunks written before this version whose version is missing take it from their predictions (all rows of a
--    chunk were written by one commit with one version). Only while predictions still has the column: the script may
--    run again.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = 'predictions' AND column_name = 'model_version') THEN
        UPDATE job_chunks c SET model_version = p.model_version
          FROM (SELECT DISTINCT ON (job_id, chunk_no) job_id, chunk_no, model_version FROM predictions ORDER BY job_id, chunk_no) p
         WHERE c.job_id = p.job_id AND c.chunk_no = p.chunk_no AND c.model_version IS NULL;
    END IF;
END $$;

-- 2. The audit trail answers as before, the job rows' version coming from their chunk.
CREATE OR REPLACE VIEW audit_trail AS
SELECT request_id, item, predicted_at, channel, job_id, model_version, patient_ref, patient_ref_hashed, probability, predicted_resistant
  FROM audit
UNION ALL
SELECT 'job:' || p.job_id::text, p.source_row, c.completed_at, 'job', p.job_id, c.model_version,
       coalesce(p.patient_ref_hash, p.patient_id), c.audit_refs = 'hash', p.probability, p.predicted_resistant
  FROM predictions p JOIN job_chunks c ON c.job_id = p.job_id AND c.chunk_no = p.chunk_no
 WHERE c.audit_refs IS NOT NULL;

-- 3. The column goes (PostgreSQL drops it without rewriting the table; space is reclaimed as rows are rewritten).
ALTER TABLE predictions DROP COLUMN IF EXISTS model_version;
