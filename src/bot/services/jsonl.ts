import { appendFile, mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { serialQueue } from "../../serial.js";

/** The records of a JSON-lines file; a missing file has none, and a line cut short by a crash is skipped. */
export async function readJsonl<T>(file: string): Promise<T[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const rows: T[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      rows.push(JSON.parse(line) as T);
    } catch {
      // A line cut short by a crash is skipped; the others still count.
    }
  }
  return rows;
}

/** Appends records as JSON lines to files of one folder, one write at a time so lines never interleave. */
export function jsonlWriter(dir: string) {
  const queue = serialQueue();
  let ready: Promise<unknown> | undefined;
  return {
    append(name: string, record: object): Promise<void> {
      return queue.run(async () => {
        ready ??= mkdir(dir, { recursive: true });
        await ready;
        await appendFile(path.join(dir, name), `${JSON.stringify(record)}\n`, "utf8");
      });
    },
    idle: () => queue.idle(),
  };
}
