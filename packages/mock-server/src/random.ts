// A small seeded PRNG and the bit mixing that derives independent streams from (seed, iModel, index), so any
// connection can be generated on its own, in O(1), without generating those before it.

/** murmur3's 32-bit finaliser: a bijection on uint32 that scatters nearby inputs. */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32: a tiny, fast, well-distributed 32-bit generator. Returns a function yielding uint32 values. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

export type Random = () => number;

export function bytes(random: Random, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i += 4) {
    const value = random();
    for (let j = 0; j < 4 && i + j < length; j++) out[i + j] = (value >>> (8 * j)) & 0xff;
  }
  return out;
}

/** A version 4 GUID, lower-case, from the generator. */
export function guid(random: Random): string {
  const b = bytes(random, 16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** An integer from 0 (inclusive) to `max` (exclusive). */
export function below(random: Random, max: number): number {
  return Math.floor((random() / 2 ** 32) * max);
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[below(random, items.length)]!;
}

export function base64url(data: Uint8Array): string {
  return Buffer.from(data).toString("base64url");
}
