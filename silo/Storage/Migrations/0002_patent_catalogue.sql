-- The patent catalogue: a projection of patent grain state for search, written in the same
-- transaction as the state. Keyword search is substring matching on lower(title || abstract)
-- through a trigram index; the database must use a UTF-8 ctype (C.UTF-8) so that pg_trgm
-- counts Chinese characters as word characters.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE patent_catalogue (
    number         text     PRIMARY KEY,
    title          text     NOT NULL,
    search_text    text     NOT NULL,
    type           text     NOT NULL,
    status         text     NOT NULL,
    ipc            text[]   NOT NULL,
    ipc_prefixes   text[]   NOT NULL,
    owner_ids      text[]   NOT NULL,
    filing_date    date     NOT NULL,
    expires_on     date     NOT NULL,
    value_amount   bigint,
    value_currency text
);
CREATE INDEX patent_catalogue_text ON patent_catalogue USING gin (search_text gin_trgm_ops);
CREATE INDEX patent_catalogue_ipc ON patent_catalogue USING gin (ipc_prefixes);
CREATE INDEX patent_catalogue_owner ON patent_catalogue USING gin (owner_ids);
CREATE INDEX patent_catalogue_value ON patent_catalogue (value_amount);
CREATE INDEX patent_catalogue_type_status ON patent_catalogue (type, status, number);
