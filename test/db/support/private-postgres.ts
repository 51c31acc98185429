import { execFile } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

/**
 * A PostgreSQL server of the test's own (initdb in a temporary folder, a free port), for what must not
 * be done to the shared server other suites use at the same time: stopping and starting it again.
 */

const run = promisify(execFile);

/** The newest installed server's programs (Debian's layout), or PG_BIN. */
function binDir(): string | undefined {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => path.join(root, v, "bin")).find((d) => existsSync(path.join(d, "initdb")));
}

/** PostgreSQL refuses to run as root: then the server runs as the `postgres` user. */
const asRoot = process.getuid?.() === 0;

async function postgresIds(): Promise<{ uid: number; gid: number } | undefined> {
  try {
    const [uid, gid] = await Promise.all([run("id", ["-u", "postgres"]), run("id", ["-g", "postgres"])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return undefined;
  }
}

/** Why a private server cannot be made here, or undefined when it can. */
export async function privatePostgresUnavailable(): Promise<string | undefined> {
  if (!binDir()) return "no PostgreSQL server programs (initdb, pg_ctl) under /usr/lib/postgresql or PG_BIN";
  if (asRoot && !(await postgresIds()))
    return "running as root and there is no postgres user to run the server";
  return undefined;
}

export interface PrivatePostgres {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and removes its folder. */
  remove(): Promise<void>;
}

export async function startPrivatePostgres(port: number): Promise<PrivatePostgres> {
  const bin = binDir() as string;
  const dir = mkdtempSync(path.join(tmpdir(), "hoi-cchc-pg-"));
  const ids = asRoot ? await postgresIds() : undefined;
  if (ids) chownSync(dir, ids.uid, ids.gid);
  const as = (program: string, args: string[]) =>
    ids
      ? run("runuser", ["-u", "postgres", "--", path.join(bin, program), ...args])
      : run(path.join(bin, program), args);
  const data = path.join(dir, "data");
  await as("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = async () => {
    await as("pg_ctl", ["-D", data, "-o", options, "-l", path.join(dir, "log"), "-w", "start"]);
  };
  const stop = async () => {
    await as("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    async remove() {
      await stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
