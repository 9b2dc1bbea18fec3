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

const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** Base64url without padding (RFC 4648 §5), in plain JavaScript: the core also runs in browsers. */
export function base64url(data: Uint8Array): string {
  let out = "";
  for (let i = 0; i < data.length; i += 3) {
    // Up to 3 bytes make 24 bits: 4 characters, or 2 or 3 for a last group of 1 or 2 bytes.
    const bits = (data[i]! << 16) | ((data[i + 1] ?? 0) << 8) | (data[i + 2] ?? 0);
    const characters = Math.min(4, Math.ceil(((data.length - i) * 8) / 6));
    for (let c = 0; c < characters; c++) out += BASE64URL[(bits >>> (18 - 6 * c)) & 63];
  }
  return out;
}
