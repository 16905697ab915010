/** Name-based UUIDs (version 5), as the feed's entry ids use them. */
import { describe, expect, it } from "vitest";
import { uuidV5 } from "../../src/site/uuid.js";

const DNS_NAMESPACE = "6ba7b810-9dad-11d1-80b4-00c04fd430c8";

describe("uuidV5", () => {
  it("gives the RFC's example: www.example.com in the DNS namespace", () => {
    expect(uuidV5(DNS_NAMESPACE, "www.example.com")).toBe("2ed6657d-e927-568b-95e1-2665a8aea6a2");
  });

  it("is version 5, variant RFC, and differs by name", () => {
    const a = uuidV5(DNS_NAMESPACE, "a");
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidV5(DNS_NAMESPACE, "b")).not.toBe(a);
    expect(uuidV5(DNS_NAMESPACE, "a")).toBe(a);
  });
});
