-- Up Migration

-- Articles as the corpus folder holds them: the file as uploaded (bytes, so any encoding survives a
-- round trip), its sidecar, the metadata read from both, and whether an admin removed it.
CREATE TABLE articles (
  id text PRIMARY KEY,
  file_name text NOT NULL UNIQUE,
  raw bytea NOT NULL,
  sidecar jsonb,
  title text NOT NULL,
  date text NOT NULL,
  place text NOT NULL,
  publisher text NOT NULL,
  author text,
  url text,
  content_hash text NOT NULL,
  removed_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX articles_content_hash ON articles (content_hash);

-- Every log row carries a fingerprint of its record: a write retried after a lost reply, or an
-- import run twice, adds nothing the second time.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  fingerprint text NOT NULL UNIQUE,
  at timestamptz NOT NULL,
  user_id bigint NOT NULL,
  user_name text,
  action text NOT NULL,
  article_id text,
  title text,
  outcome text NOT NULL,
  detail text
);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TABLE questions (
  id bigserial PRIMARY KEY,
  fingerprint text NOT NULL UNIQUE,
  at timestamptz NOT NULL,
  answer_id text NOT NULL,
  chat_id bigint NOT NULL,
  chat_type text NOT NULL,
  user_id bigint,
  question text NOT NULL,
  resolved text,
  found boolean NOT NULL,
  backend text NOT NULL,
  citations jsonb NOT NULL,
  retrieve_ms double precision NOT NULL,
  answer_ms double precision NOT NULL
);
CREATE INDEX questions_at ON questions (at);

CREATE TABLE votes (
  id bigserial PRIMARY KEY,
  fingerprint text NOT NULL UNIQUE,
  at timestamptz NOT NULL,
  answer_id text NOT NULL,
  vote text NOT NULL CHECK (vote IN ('up', 'down')),
  user_id bigint NOT NULL,
  chat_id bigint NOT NULL,
  question text NOT NULL,
  answer text NOT NULL,
  citations jsonb NOT NULL
);
CREATE INDEX votes_answer_user ON votes (answer_id, user_id, at);

-- Recent turns of each conversation, so a follow-up is understood on any replica and after a restart.
CREATE TABLE chat_turns (
  id bigserial PRIMARY KEY,
  chat_key text NOT NULL,
  at timestamptz NOT NULL,
  question text NOT NULL,
  resolved text NOT NULL
);
CREATE INDEX chat_turns_chat_at ON chat_turns (chat_key, at);

-- topic_key is the topic compared without case or diacritics, so "Lào Cai" and "lao cai" are one.
CREATE TABLE subscriptions (
  chat_id bigint NOT NULL,
  topic_key text NOT NULL,
  topic text NOT NULL,
  chat_type text NOT NULL,
  user_id bigint,
  at timestamptz NOT NULL,
  PRIMARY KEY (chat_id, topic_key)
);

-- Update ids already taken on, for de-duplication across replicas when there is no Redis.
CREATE TABLE seen_updates (
  update_id bigint PRIMARY KEY,
  claimed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX seen_updates_claimed_at ON seen_updates (claimed_at);

-- Down Migration
DROP TABLE seen_updates;
DROP TABLE subscriptions;
DROP TABLE chat_turns;
DROP TABLE votes;
DROP TABLE questions;
DROP TABLE audit_log;
DROP TABLE articles;
