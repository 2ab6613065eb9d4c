-- The registry's values, checked by PostgreSQL (see V2026_12_07_0500__model_registry.sql for why
-- not by H2): a model's active_kind is its kind exactly while it is ACTIVE, so the unique
-- constraint on active_kind is "at most one ACTIVE model per kind".
ALTER TABLE models ADD CONSTRAINT models_status CHECK (status IN ('ACTIVE', 'CANDIDATE', 'RETIRED'));
ALTER TABLE models ADD CONSTRAINT models_active_kind
    CHECK (CASE WHEN status = 'ACTIVE' THEN active_kind IS NOT NULL AND active_kind = kind
                ELSE active_kind IS NULL END);
ALTER TABLE training_jobs ADD CONSTRAINT training_jobs_status CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED'));
ALTER TABLE training_jobs ADD CONSTRAINT training_jobs_trigger CHECK (triggered_by IN ('MANUAL', 'SCHEDULED'));
