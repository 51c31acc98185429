import { appendFile, rm, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  corpusFingerprint,
  corpusListing,
  listingFingerprint,
  restat,
} from "../../src/retrieval/fingerprint.js";
import { ARTICLE, copyCorpus, tempDirs } from "../fixtures/support.js";

const temp = tempDirs();
afterAll(() => temp.cleanup());
const SETTINGS = { chunkSize: 700, chunkOverlap: 150, embeddingsId: "test" };

describe("corpus listing", () => {
  it("restating only the files a change touched gives the fingerprint of the whole folder", async () => {
    const dir = await copyCorpus(await temp.make());
    const listing = await corpusListing(dir);
    expect(listingFingerprint(listing, SETTINGS)).toBe(await corpusFingerprint(dir, SETTINGS));

    const later = new Date(Date.now() + 60_000);
    await appendFile(path.join(dir, `${ARTICLE.laoCai}.txt`), "\nMột câu nữa.");
    await utimes(path.join(dir, `${ARTICLE.laoCai}.txt`), later, later);
    await rm(path.join(dir, `${ARTICLE.sonLa}.txt`));
    await rm(path.join(dir, `${ARTICLE.sonLa}.meta.json`));
    // Sorts first and last among the names, and one in the middle.
    for (const name of ["000-dau.txt", "zzz-cuoi.txt", `${ARTICLE.giaLai}b.txt`]) {
      await writeFile(path.join(dir, name), "Bài mới.");
    }
    const before = listingFingerprint(listing, SETTINGS);
    await restat(listing, dir, [
      `${ARTICLE.laoCai}.txt`,
      `${ARTICLE.sonLa}.txt`,
      `${ARTICLE.sonLa}.meta.json`,
      "000-dau.txt",
      "zzz-cuoi.txt",
      `${ARTICLE.giaLai}b.txt`,
      "khong-co.txt",
    ]);
    const after = listingFingerprint(listing, SETTINGS);
    expect(after).not.toBe(before);
    expect(after).toBe(await corpusFingerprint(dir, SETTINGS));
    expect(listing.names).toEqual((await corpusListing(dir)).names);
  });
});
