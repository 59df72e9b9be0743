-- Listings, demands, matching, watch lists and the notifications feed (docs/MATCHING.md). Every table here is a
-- projection written in the transaction of the grain state it mirrors (PostgresGrainStorage), so a listing, its
-- index rows and the feed entries it raises commit together or not at all.

-- A listing's matching profile (ListingProfile as JSON) with the arrays its indexes need: every leading part of its
-- IPC symbols, and every word of its patents' titles and abstracts and its own text (jieba, search mode).
CREATE TABLE market_listings (
    id           text        PRIMARY KEY,
    status       text        NOT NULL,
    holder_id    text        NOT NULL,
    center_id    text,
    deal_type    text        NOT NULL,
    valid_until  date        NOT NULL,
    created_at   timestamptz NOT NULL,
    patents      text[]      NOT NULL,
    ipc_prefixes text[]      NOT NULL,
    tokens       text[]      NOT NULL,
    -- What MatchScoring.Points needs, so that candidates are scored without reading their profiles.
    title_tokens       text[] NOT NULL,
    abstract_tokens    text[] NOT NULL,
    description_tokens text[] NOT NULL,
    price_min    bigint,
    price_currency text,
    region       text,
    profile      jsonb       NOT NULL
);
-- Matching reads open listings only: partial GIN indexes keep drafts and closed listings out of them.
CREATE INDEX market_listings_open_ipc ON market_listings USING gin (ipc_prefixes) WHERE status = 'open';
CREATE INDEX market_listings_open_tokens ON market_listings USING gin (tokens) WHERE status = 'open';
CREATE INDEX market_listings_status ON market_listings (status, created_at, id);
CREATE INDEX market_listings_holder ON market_listings (holder_id, created_at, id);

CREATE TABLE market_demands (
    id           text        PRIMARY KEY,
    status       text        NOT NULL,
    party_id     text        NOT NULL,
    deal_types   text[]      NOT NULL,
    valid_until  date        NOT NULL,
    created_at   timestamptz NOT NULL,
    ipc_prefixes text[]      NOT NULL,
    tokens       text[]      NOT NULL,
    profile      jsonb       NOT NULL
);
CREATE INDEX market_demands_open_ipc ON market_demands USING gin (ipc_prefixes) WHERE status = 'open';
CREATE INDEX market_demands_open_tokens ON market_demands USING gin (tokens) WHERE status = 'open';
CREATE INDEX market_demands_party ON market_demands (party_id, created_at, id);

-- What matching and watch lists read of a patent (PatentFacts as JSON), written with the patent's state.
CREATE TABLE market_patent_facts (
    number       text   PRIMARY KEY,
    status       text   NOT NULL,
    expires_on   date   NOT NULL,
    pledgee_id   text,
    blocked_until date,   -- the last day an exclusive or sole licence runs ('infinity' when open-ended); null: none
    owner_ids    text[] NOT NULL,
    ipc_prefixes text[] NOT NULL,
    tokens       text[] NOT NULL,
    facts        jsonb  NOT NULL
);

-- The events of each patent already seen (registration, each valuation, owner change, licence, pledge): an event
-- reaches the feeds in the transaction that first records it, and never again.
CREATE TABLE market_patent_events (
    number    text NOT NULL,
    event_key text NOT NULL,
    PRIMARY KEY (number, event_key)
);

CREATE TABLE market_watches (
    party_id   text        NOT NULL,
    watch_id   text        NOT NULL,
    kind       text        NOT NULL,
    holder_id  text,
    ipc_prefix text,
    tokens     text[],
    created_at timestamptz NOT NULL,
    PRIMARY KEY (party_id, watch_id)
);
CREATE INDEX market_watches_holder ON market_watches (holder_id) WHERE kind = 'holder';
CREATE INDEX market_watches_ipc ON market_watches (ipc_prefix) WHERE kind = 'ipc';
CREATE INDEX market_watches_tokens ON market_watches USING gin (tokens) WHERE kind = 'keyword';

-- A party's feed: one row per (party, event); the unique key is what makes an entry appear exactly once.
CREATE TABLE market_feed (
    seq        bigserial   PRIMARY KEY,
    party_id   text        NOT NULL,
    event_key  text        NOT NULL,
    kind       text        NOT NULL,
    subject    text        NOT NULL,
    detail     jsonb       NOT NULL,
    created_at timestamptz NOT NULL,
    UNIQUE (party_id, event_key)
);
CREATE INDEX market_feed_party ON market_feed (party_id, seq);
