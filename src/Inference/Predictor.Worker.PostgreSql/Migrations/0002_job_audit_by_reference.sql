-- Throughput of batch jobs (issue 19 follow-up).
--
-- 1. Chunk input is now a compact binary columnar form that PostgreSQL cannot usefully compress: store it out of line
--    without compression (pglz spent the server's CPU for nothing).
ALTER TABLE job_chunks ALTER COLUMN input SET STORAGE EXTERNAL;

-- 2. No foreign key from predictions to jobs: its check was a lookup and a row lock in jobs for every inserted
--    patient. Predictions are only written by the transaction that holds the chunk's row lock (and the chunk
--    references its job), so the job exists; deleting a job still deletes its predictions, through a trigger.
ALTER TABLE predictions DROP CONSTRAINT IF EXISTS predictions_job_id_fkey;
CREATE OR REPLACE FUNCTION predictions_follow_job() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM predictions WHERE job_id = OLD.job_id;
    RETURN OLD;
END $$;
DROP TRIGGER IF EXISTS jobs_delete_predictions ON jobs;
CREATE TRIGGER jobs_delete_predictions AFTER DELETE ON jobs FOR EACH ROW EXECUTE FUNCTION predictions_follow_job();

-- 3. The audit of job predictions refers to the predictions rows instead of copying them into audit (a second heap
--    row and two index entries per patient). A chunk records whether its predictions are audited and how the patient
--    is referred to: 'id' (the patient id itself) or 'hash' (the keyed hash, kept in predictions.patient_ref_hash);
--    NULL: the audit trail was off when it was scored.
ALTER TABLE job_chunks ADD COLUMN IF NOT EXISTS audit_refs text CHECK (audit_refs IN ('id', 'hash'));
ALTER TABLE predictions ADD COLUMN IF NOT EXISTS patient_ref_hash text;
CREATE INDEX IF NOT EXISTS predictions_patient_ref ON predictions ((coalesce(patient_ref_hash, patient_id)));

-- Job audit rows written by schema version 1 move onto their predictions (nothing is lost: the hash, where there
-- was one, goes to patient_ref_hash; time becomes the chunk's completion time), then leave the audit table.
UPDATE predictions p SET patient_ref_hash = a.patient_ref
  FROM audit a
 WHERE a.channel = 'job' AND a.patient_ref_hashed AND a.job_id = p.job_id AND a.item = p.source_row;
UPDATE job_chunks c SET audit_refs = CASE WHEN a.hashed THEN 'hash' ELSE 'id' END
  FROM (SELECT p.job_id, p.chunk_no, bool_or(a.patient_ref_hashed) AS hashed
          FROM audit a JOIN predictions p ON p.job_id = a.job_id AND p.source_row = a.item
         WHERE a.channel = 'job'
         GROUP BY p.job_id, p.chunk_no) a
 WHERE c.job_id = a.job_id AND c.chunk_no = a.chunk_no;
DELETE FROM audit WHERE channel = 'job';

-- The whole trail, HTTP and jobs, in the columns audit has always had. Queries by patient_ref use audit_patient and
-- predictions_patient_ref.
CREATE OR REPLACE VIEW audit_trail AS
SELECT request_id, item, predicted_at, channel, job_id, model_version, patient_ref, patient_ref_hashed, probability, predicted_resistant
  FROM audit
UNION ALL
SELECT 'job:' || p.job_id::text, p.source_row, c.completed_at, 'job', p.job_id, p.model_version,
       coalesce(p.patient_ref_hash, p.patient_id), c.audit_refs = 'hash', p.probability, p.predicted_resistant
  FROM predictions p JOIN job_chunks c ON c.job_id = p.job_id AND c.chunk_no = p.chunk_no
 WHERE c.audit_refs IS NOT NULL;
