-- The fleet's first schema: batch jobs split into chunks, their predictions, the model registry and the audit trail.

CREATE TABLE jobs (
    job_id        uuid PRIMARY KEY,
    source        text        NOT NULL,              -- the file name as submitted (never its contents)
    submitted_by  text        NOT NULL,
    submitted_at  timestamptz NOT NULL DEFAULT now(),
    total_rows    integer     NOT NULL,              -- valid rows, to be scored
    rejected_rows integer     NOT NULL,              -- rows the contract check left out (see job_row_errors)
    chunk_count   integer     NOT NULL
);

-- A chunk is the unit of work a worker leases. Its input is the validated rows as contract CSV, so any worker on
-- any machine can score it without access to the submitter's file system.
CREATE TABLE job_chunks (
    job_id        uuid        NOT NULL REFERENCES jobs ON DELETE CASCADE,
    chunk_no      integer     NOT NULL,
    row_count     integer     NOT NULL,
    source_rows   integer[]   NOT NULL,              -- 1-based data rows of the submitted file, in chunk order
    input         bytea       NOT NULL,
    state         text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'leased', 'done')),
    lease_owner   text,
    lease_until   timestamptz,
    attempts      integer     NOT NULL DEFAULT 0,
    completed_by  text,
    completed_at  timestamptz,
    model_version text,
    PRIMARY KEY (job_id, chunk_no)
);
CREATE INDEX job_chunks_open ON job_chunks (state, lease_until) WHERE state <> 'done';

CREATE TABLE job_row_errors (
    job_id      uuid    NOT NULL REFERENCES jobs ON DELETE CASCADE,
    source_row  integer NOT NULL,
    column_name text,
    problem     text    NOT NULL
);
CREATE INDEX job_row_errors_job ON job_row_errors (job_id, source_row);

-- One row per scored patient of a job: the key makes a second score of the same row impossible.
CREATE TABLE predictions (
    job_id              uuid             NOT NULL REFERENCES jobs ON DELETE CASCADE,
    source_row          integer          NOT NULL,
    patient_id          text             NOT NULL,
    probability         double precision NOT NULL,
    predicted_resistant boolean          NOT NULL,
    model_version       text             NOT NULL,
    chunk_no            integer          NOT NULL,
    PRIMARY KEY (job_id, source_row)
);

-- Registered model files; version is the SHA-256 of the bytes (what the worker reports as its model version).
CREATE TABLE models (
    version        text        PRIMARY KEY CHECK (version ~ '^[0-9a-f]{64}$'),
    content        bytea       NOT NULL,
    size_bytes     bigint      NOT NULL,
    format_version integer     NOT NULL,
    metadata       jsonb       NOT NULL DEFAULT '{}',
    pushed_by      text        NOT NULL,
    pushed_at      timestamptz NOT NULL DEFAULT now()
);

-- The active model is the latest activation; rollback is a new activation of the one before.
CREATE TABLE model_activations (
    activation_id bigserial   PRIMARY KEY,
    version       text        NOT NULL REFERENCES models,
    activated_by  text        NOT NULL,
    activated_at  timestamptz NOT NULL DEFAULT now(),
    reason        text        NOT NULL
);

-- What the fleet told whom, with which model. No feature values. The key (request, item) makes replays harmless.
CREATE TABLE audit (
    request_id          text             NOT NULL,    -- an HTTP request id, or 'job:' || job id
    item                integer          NOT NULL,    -- index in the request, or the job's source row
    predicted_at        timestamptz      NOT NULL,
    channel             text             NOT NULL CHECK (channel IN ('http', 'job')),
    job_id              uuid,
    model_version       text             NOT NULL,
    patient_ref         text             NOT NULL,    -- the patient id, or its keyed hash (Worker:Audit:HashIds)
    patient_ref_hashed  boolean          NOT NULL,
    probability         double precision NOT NULL,
    predicted_resistant boolean          NOT NULL,
    PRIMARY KEY (request_id, item)
);
CREATE INDEX audit_patient ON audit (patient_ref, predicted_at);
