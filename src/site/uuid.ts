/**
 * Name-based UUIDs (RFC 9562 version 5: SHA-1 of a namespace and a name), for ids that must stay
 * the same wherever and whenever they are minted: the feed's entry ids. Node has v4 only
 * (crypto.randomUUID); v5 is a hash and six bit operations, checked against the RFC's example.
 */
import { createHash } from "node:crypto";

function bytesOf(uuid: string): Buffer {
  return Buffer.from(uuid.replaceAll("-", ""), "hex");
}

export function uuidV5(namespace: string, name: string): string {
  const hash = createHash("sha1").update(bytesOf(namespace)).update(name, "utf8").digest();
  const b = hash.subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = b.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The namespace of openfigures' own ids (drawn at random once; never change it: entry ids would change). */
export const OPENFIGURES_NAMESPACE = "7770d195-5fa3-4a68-a7d3-c62a0ec241db";
