-- Idempotency keys of money-moving requests, per caller scope. A row without status is a
-- request in progress; the response is stored when it completes and replayed after that.
CREATE TABLE idempotency_keys (
    scope        text        NOT NULL,
    key          text        NOT NULL,
    fingerprint  text        NOT NULL,
    status       int,
    content_type text,
    body         text,
    location     text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    completed_at timestamptz,
    PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
