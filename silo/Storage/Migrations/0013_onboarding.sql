-- Onboarding an existing pool's records (docs/API.md, "Onboarding an existing pool"): a posting may take effect on a day
-- before it is written — money received in the old system on its own date. value_date is that (China) date; NULL means
-- the China date of posted_at. Adding a nullable column rewrites no row, so the append-only triggers are not involved.
ALTER TABLE ledger_postings ADD COLUMN value_date date;
