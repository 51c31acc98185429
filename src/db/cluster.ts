import { randomBytes } from "node:crypto";
import os from "node:os";
import pg from "pg";
import type { Logger } from "../logger.js";
import type { IndexHolder } from "../retrieval/index-holder.js";
import { sameMeta } from "../retrieval/live-changes.js";
import type { ArticleMeta, ReindexResult } from "../types.js";
import { ARTICLES_CHANNEL, liveMeta, liveRows, type PostgresCorpus, syncMirror } from "./articles.js";
import type { Pool } from "./database.js";

/**
 * What makes replicas one bot: each keeps its own index of the `articles` table and hears of every
 * change through LISTEN/NOTIFY, and `/reindex` runs one build at a time across them under a
 * PostgreSQL advisory lock.
 */

/** Replicas build one at a time while this session lock is held; any constant unique to the project. */
const REINDEX_LOCK_KEY = 4_812_170_015;
/** A replica that finished a /reindex says so here (payload: its id), and the others rebuild in turn. */
const REINDEX_CHANNEL = "hoi_cchc_reindex";
/** Wait before applying again changes that could not be applied (the database away for a moment). */
const RETRY_MS = 1_000;
/** How often a follower tries the build lock while another replica holds it. */
const LOCK_RETRY_MS = 500;
/** Notifications arriving this close together are read from the table in one query. */
const GATHER_MS = 20;
/** Waits between attempts to listen again after the connection is lost, growing to the last. */
const RECONNECT_DELAYS_MS = [250, 500, 1_000, 2_000, 5_000];

/** Names a replica in logs and in its reindex notices. */
export const replicaId = (): string => `${os.hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;

export interface ReconcileOutcome {
  added: string[];
  revised: string[];
  /** Changed in a way that replaces its chunks (text, place): tombstoned and indexed again. */
  replaced: string[];
  removed: string[];
}

/**
 * Brings the index in line with the table for some article ids (all when undefined): a new live
 * article is added to the index, one whose metadata changed is revised, one whose text or place
 * changed is replaced, one no longer live is removed; none of these rebuilds the index. Reads only
 * metadata to decide, and article bytes only of changes.
 */
export function reconcile(
  pool: Pool,
  corpus: PostgresCorpus,
  index: IndexHolder,
  ids?: string[],
): Promise<ReconcileOutcome> {
  return corpus.exclusive(async () => {
    const loaded = await index.ready();
    const live = new Map((await liveMeta(pool, ids)).map((m) => [m.id, m]));
    const indexed = new Map(loaded.articles.map((a) => [a.id, a]));
    const scope = ids ?? [...new Set([...live.keys(), ...indexed.keys()])];
    const outcome: ReconcileOutcome = { added: [], revised: [], replaced: [], removed: [] };
    const gone: string[] = [];
    for (const id of scope) {
      const row = live.get(id);
      const held = indexed.get(id);
      if (!row) {
        gone.push(id);
        if (held) outcome.removed.push(id);
      } else if (!held) outcome.added.push(id);
      else if (held.contentHash !== row.contentHash || held.place !== row.place) outcome.replaced.push(id);
      else if (!sameMeta(held, row)) outcome.revised.push(id);
    }
    const changed = [...outcome.added, ...outcome.revised, ...outcome.replaced];
    const rows = changed.length > 0 ? await liveRows(pool, changed) : [];
    await corpus.mirror(rows, gone);
    if (outcome.removed.length > 0) await index.remove(outcome.removed);
    const put = new Set([...outcome.added, ...outcome.replaced]);
    if (put.size > 0) {
      const files = rows.filter((r) => put.has(r.id)).map((r) => r.file_name);
      await index.add(await Promise.all(files.map((f) => corpus.store.load(f))));
    }
    if (outcome.revised.length > 0) {
      const metas = outcome.revised.map((id) => {
        const { contentHash: _h, ...meta } = live.get(id) as ArticleMeta & { contentHash: string };
        return meta;
      });
      await index.revise(metas);
    }
    return outcome;
  });
}

export interface ClusterOptions {
  pool: Pool;
  /** DATABASE_URL: the listening connection is a client of its own, outside the pool. */
  url: string;
  corpus: PostgresCorpus;
  logger: Logger;
  id?: string;
  /** Told after each batch of changes heard is applied (the delay is measured from here in tests). */
  onApplied?: (outcome: ReconcileOutcome) => void;
}

export interface Cluster {
  readonly id: string;
  /** The index holder with `rebuild` made cluster-wide; the rest is the holder's own. */
  wrap(index: IndexHolder): IndexHolder;
  /** Starts listening (after the index is ready); resolves once the first LISTEN is in place. */
  listen(): Promise<void>;
  /** Stops listening and waits for the changes being applied. */
  close(): Promise<void>;
}

export function createCluster(options: ClusterOptions): Cluster {
  const { pool, corpus, logger } = options;
  const id = options.id ?? replicaId();
  let index: IndexHolder | undefined;
  let inner: IndexHolder | undefined;
  let client: pg.Client | undefined;
  let closed = false;
  let attempt = 0;
  const pendingIds = new Set<string>();
  let gatherTimer: NodeJS.Timeout | undefined;
  let reconnectTimer: NodeJS.Timeout | undefined;
  /** The work in flight (applying changes, following a reindex), awaited by close(). */
  const inFlight = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => {
    const settled = work.catch((error: unknown) => logger.error({ err: error }, "cluster sync failed"));
    inFlight.add(settled);
    void settled.finally(() => inFlight.delete(settled));
  };

  let retryTimer: NodeJS.Timeout | undefined;
  /** Ids whose change could not be applied yet (the database gone for a moment); "all" for the whole table. */
  let toRetry: Set<string> | "all" | undefined;

  const apply = (ids?: string[]) => {
    if (!index) return;
    const holder = index;
    const work = reconcile(pool, corpus, holder, ids).then((outcome) => {
      const n =
        outcome.added.length + outcome.revised.length + outcome.replaced.length + outcome.removed.length;
      if (n > 0) logger.info({ ...outcome, replica: id }, "articles changed elsewhere applied");
      options.onApplied?.(outcome);
    });
    // A change heard but not applied is not dropped: it is tried again, and again, until it is.
    work.catch((error: unknown) => {
      logger.warn({ err: error, ids: ids ?? "all" }, "could not apply article changes yet: trying again");
      toRetry = ids === undefined || toRetry === "all" ? "all" : new Set([...(toRetry ?? []), ...ids]);
      if (closed) return;
      retryTimer ??= setTimeout(() => {
        retryTimer = undefined;
        const again = toRetry;
        toRetry = undefined;
        if (again) apply(again === "all" ? undefined : [...again]);
      }, RETRY_MS);
    });
    track(work.catch(() => undefined));
  };

  const drain = () => {
    gatherTimer = undefined;
    const ids = [...pendingIds];
    pendingIds.clear();
    if (ids.length > 0) apply(ids);
  };

  // ------------------------------------------------------------------------------- /reindex

  let following: Promise<void> | undefined;
  let followAgain = false;

  /** Runs `build` holding the cluster's build lock on a pooled connection, or says "busy". */
  async function withLock<T>(build: () => Promise<T>): Promise<T | "busy"> {
    const conn = await pool.connect();
    // A connection whose query failed is not put back in the pool (the lock went with it).
    let broken = false;
    const query = (text: string) =>
      conn.query(text, [REINDEX_LOCK_KEY]).catch((error: unknown) => {
        broken = true;
        throw error;
      });
    try {
      const { rows } = await query("SELECT pg_try_advisory_lock($1) AS ok");
      if (rows[0]?.ok !== true) return "busy";
      try {
        return await build();
      } finally {
        await query("SELECT pg_advisory_unlock($1)").catch(() => undefined);
      }
    } finally {
      conn.release(broken);
    }
  }

  /**
   * The lock, waited for when `wait` (a follower): tried again every half second rather than
   * blocking in PostgreSQL, so a stop is not held up by a build elsewhere.
   */
  async function underLock<T>(wait: boolean, build: () => Promise<T>): Promise<T | "busy"> {
    for (;;) {
      const result = await withLock(build);
      if (result !== "busy" || !wait || closed) return result;
      await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
    }
  }

  /** The mirror made whole from the table, then a build of it. */
  async function freshBuild(holder: IndexHolder, onProgress?: Parameters<IndexHolder["rebuild"]>[0]) {
    await corpus.exclusive(() => syncMirror(pool, corpus.mirrorDir));
    return holder.rebuild(onProgress);
  }

  /** Another replica finished a /reindex: build here too, after any build still running elsewhere. */
  function follow(): void {
    if (following) {
      followAgain = true;
      return;
    }
    const holder = inner;
    if (!holder) return;
    following = (async () => {
      do {
        followAgain = false;
        const result = await underLock(true, () => freshBuild(holder));
        if (result !== "busy" && result.status === "rebuilt")
          logger.info({ replica: id, ms: result.ms }, "rebuilt after a reindex elsewhere");
      } while (followAgain && !closed);
    })().finally(() => {
      following = undefined;
    });
    track(following);
  }

  function wrap(holder: IndexHolder): IndexHolder {
    inner = holder;
    index = {
      ready: () => holder.ready(),
      current: () => holder.current(),
      refresh: () => holder.refresh(),
      add: (articles, onProgress) => holder.add(articles, onProgress),
      remove: (ids) => holder.remove(ids),
      revise: (articles) => holder.revise(articles),
      get rebuilding() {
        return holder.rebuilding || following !== undefined;
      },
      async rebuild(onProgress): Promise<ReindexResult> {
        if (holder.rebuilding || following) return { status: "already-running" };
        const result = await underLock(false, () => freshBuild(holder, onProgress));
        if (result === "busy") return { status: "already-running" };
        if (result.status === "rebuilt") await pool.query("SELECT pg_notify($1, $2)", [REINDEX_CHANNEL, id]);
        return result;
      },
    };
    return index;
  }

  // ------------------------------------------------------------------------------- LISTEN

  function onNotification(message: pg.Notification): void {
    if (message.channel === REINDEX_CHANNEL) {
      if (message.payload !== id) follow();
      return;
    }
    if (message.channel !== ARTICLES_CHANNEL || !message.payload) return;
    pendingIds.add(message.payload);
    gatherTimer ??= setTimeout(drain, GATHER_MS);
  }

  async function connect(): Promise<void> {
    const c = new pg.Client({ connectionString: options.url, connectionTimeoutMillis: 5_000 });
    c.on("notification", onNotification);
    c.on("error", (error) => logger.warn({ err: error }, "database listener lost"));
    c.on("end", () => {
      if (client === c) client = undefined;
      if (!closed) reconnectLater();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${ARTICLES_CHANNEL}`);
      await c.query(`LISTEN ${REINDEX_CHANNEL}`);
    } catch (error) {
      await c.end().catch(() => undefined);
      throw error;
    }
    if (closed) {
      await c.end().catch(() => undefined);
      return;
    }
    client = c;
    if (attempt > 0) logger.info({ replica: id }, "listening to article changes again");
    attempt = 0;
  }

  function reconnectLater(): void {
    if (reconnectTimer || closed) return;
    const delay = RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length - 1)] ?? 5_000;
    attempt += 1;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      connect().then(
        // What changed while nobody listened is found by comparing the whole table.
        () => apply(),
        (error: unknown) => {
          logger.warn({ err: error, attempt }, "cannot listen to article changes yet");
          reconnectLater();
        },
      );
    }, delay);
  }

  return {
    id,
    wrap,
    async listen() {
      await connect();
      // Changes made between the start's mirror sync and the LISTEN.
      apply();
    },
    async close() {
      closed = true;
      clearTimeout(gatherTimer);
      clearTimeout(reconnectTimer);
      clearTimeout(retryTimer);
      const c = client;
      client = undefined;
      await c?.end().catch(() => undefined);
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
