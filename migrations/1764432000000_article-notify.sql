-- Up Migration

-- Every change to an article (an admin action on any replica, `npm run import`, a hand-made UPDATE)
-- notifies the replicas with the article's id; each reads the row again and updates its own index.
-- A NOTIFY sent in a transaction is delivered when it commits, and not at all if it rolls back.
CREATE FUNCTION hoi_cchc_article_changed() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('hoi_cchc_articles', COALESCE(NEW.id, OLD.id));
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER articles_notify
  AFTER INSERT OR UPDATE OR DELETE ON articles
  FOR EACH ROW EXECUTE FUNCTION hoi_cchc_article_changed();

-- Down Migration
DROP TRIGGER articles_notify ON articles;
DROP FUNCTION hoi_cchc_article_changed();
