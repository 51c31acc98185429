-- Up Migration

-- An update id claimed by a replica holds for a lease (60 s) until the replica marks it done, which
-- keeps it for Telegram's 24 hours. A replica killed in the middle of an answer leaves a claim that
-- runs out, so Telegram's redelivery is answered by another replica, as with Redis. `owner` names
-- the claiming process while the claim is open (NULL once done), so a stopping replica releases its
-- own unfinished claims and never another's. Ids kept before this migration count as done.
ALTER TABLE seen_updates
  ADD COLUMN owner text,
  ADD COLUMN expires_at timestamptz;
UPDATE seen_updates SET expires_at = claimed_at + interval '24 hours';
ALTER TABLE seen_updates ALTER COLUMN expires_at SET NOT NULL;
DROP INDEX seen_updates_claimed_at;
CREATE INDEX seen_updates_expires_at ON seen_updates (expires_at);

-- Down Migration
DROP INDEX seen_updates_expires_at;
CREATE INDEX seen_updates_claimed_at ON seen_updates (claimed_at);
ALTER TABLE seen_updates DROP COLUMN expires_at, DROP COLUMN owner;
