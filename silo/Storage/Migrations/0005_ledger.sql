-- The double-entry ledger (§9). A posting is written in the same transaction as the grain state
-- change that causes it. The database itself refuses an unbalanced posting (checked at commit,
-- once all its entries are in) and any update or delete: corrections are reversing postings.
CREATE TABLE ledger_postings (
    id         text        PRIMARY KEY,
    currency   text        NOT NULL,
    memo       text        NOT NULL,
    grain_type text        NOT NULL,
    grain_key  text        NOT NULL,
    version    bigint      NOT NULL,
    posted_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ledger_entries (
    posting_id text   NOT NULL REFERENCES ledger_postings (id),
    seq        int    NOT NULL,
    account    text   NOT NULL,
    currency   text   NOT NULL,
    amount     bigint NOT NULL,
    PRIMARY KEY (posting_id, seq)
);
CREATE INDEX ledger_entries_account ON ledger_entries (account, currency);

CREATE FUNCTION ledger_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT count(*) FROM ledger_entries WHERE posting_id = NEW.id) < 2
       OR (SELECT sum(amount) FROM ledger_entries WHERE posting_id = NEW.id) <> 0
       OR EXISTS (SELECT 1 FROM ledger_entries WHERE posting_id = NEW.id AND currency <> NEW.currency) THEN
        RAISE EXCEPTION 'ledger posting % is not balanced in %', NEW.id, NEW.currency USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER ledger_postings_balanced AFTER INSERT ON ledger_postings
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_balanced();

CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the ledger is append-only: post a reversal instead' USING ERRCODE = 'restrict_violation';
END
$$;
CREATE TRIGGER ledger_postings_append_only BEFORE UPDATE OR DELETE ON ledger_postings
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
