-- Inbox predictions in the audit trail (issue 19 follow-up): a file dropped into a fleet worker's own inbox/ is
-- scored by that worker alone, and its predictions are now rows of audit with channel 'inbox' (request_id: one id per
-- scored file, item: the patient's 1-based data row in the file, job_id NULL).
--
-- 1. The channel check admits 'inbox'. Version 1 declared it on the column, so PostgreSQL named it audit_channel_check;
--    dropping it by that name and adding the wider one makes the script safe to run again.
ALTER TABLE audit DROP CONSTRAINT IF EXISTS audit_channel_check;
ALTER TABLE audit ADD CONSTRAINT audit_channel_check CHECK (channel IN ('http', 'job', 'inbox'));

-- 2. The trail view is unchanged in shape: it already passes every audit row through with its channel, so inbox rows
--    answer by patient_ref (index audit_patient) like HTTP ones. It is restated here so that this script alone says
--    what the view is at version 6.
CREATE OR REPLACE VIEW audit_trail AS
SELECT request_id, item, predicted_at, channel, job_id, model_version, patient_ref, patient_ref_hashed, probability, predicted_resistant
  FROM audit
UNION ALL
SELECT 'job:' || p.job_id::text, p.source_row, c.completed_at, 'job', p.job_id, c.model_version,
       coalesce(p.patient_ref_hash, p.patient_id), c.audit_refs = 'hash', p.probability, p.predicted_resistant
  FROM predictions p JOIN job_chunks c ON c.job_id = p.job_id AND c.chunk_no = p.chunk_no
 WHERE c.audit_refs IS NOT NULL;
