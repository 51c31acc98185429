import hnswlib from "hnswlib-node";

// hnswlib-node is CommonJS: under ESM only its default export is reliable at run time.
const { HierarchicalNSW } = hnswlib;

export interface VectorHit {
  label: number;
  similarity: number;
}

export interface VectorIndex {
  add(vector: number[], label: number): void;
  search(vector: number[], limit: number): VectorHit[];
  readonly count: number;
  save(file: string): Promise<void>;
}

const M = 16;
const EF_CONSTRUCTION = 200;
const EF_SEARCH = 96;

/** Inner product over L2-normalised vectors, i.e. cosine similarity. */
function wrap(index: InstanceType<typeof HierarchicalNSW>): VectorIndex {
  return {
    get count() {
      return index.getCurrentCount();
    },
    add(vector, label) {
      if (index.getCurrentCount() >= index.getMaxElements()) {
        index.resizeIndex(Math.max(16, index.getMaxElements() * 2));
      }
      index.addPoint(vector, label);
    },
    search(vector, limit) {
      const k = Math.min(limit, index.getCurrentCount());
      if (k === 0) return [];
      const { neighbors, distances } = index.searchKnn(vector, k);
      return neighbors.map((label, i) => ({ label, similarity: 1 - (distances[i] as number) }));
    },
    async save(file) {
      await index.writeIndex(file);
    },
  };
}

export function createVectorIndex(dimensions: number, capacity: number): VectorIndex {
  const index = new HierarchicalNSW("ip", dimensions);
  index.initIndex({
    maxElements: Math.max(16, capacity),
    m: M,
    efConstruction: EF_CONSTRUCTION,
    randomSeed: 42,
  });
  index.setEf(EF_SEARCH);
  return wrap(index);
}

export async function loadVectorIndex(file: string, dimensions: number): Promise<VectorIndex> {
  const index = new HierarchicalNSW("ip", dimensions);
  await index.readIndex(file);
  index.setEf(EF_SEARCH);
  return wrap(index);
}
