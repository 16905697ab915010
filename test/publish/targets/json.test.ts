import { describe, expect, it } from "vitest";
import { OBSERVATION_FIELDS } from "../../../src/format/fields.js";
import { json } from "../../../src/publish/targets/json.js";
import { context, observation, render } from "../../helpers/publish.js";
import { publishTargetContract } from "./contract.js";

publishTargetContract(() => json());

describe("target json", () => {
  it("writes an array of objects, one per line, keys in column order", async () => {
    const { bytes } = await render(json());
    const text = bytes.toString("utf8");
    const lines = text.split("\n");
    expect(lines[0]).toBe("[");
    expect(lines.at(-2)).toBe("]");
    const data = JSON.parse(text) as Record<string, unknown>[];
    expect(data).toHaveLength(2);
    expect(Object.keys(data[0]!)).toEqual(OBSERVATION_FIELDS.map((f) => f.name));
    expect(data[0]!.source_ids).toEqual(["src-a"]);
  });

  it("keeps numbers exact: JSON numbers that parse back to the same double", async () => {
    const values = [829000000, 4.4e12, 12.9, 5307.599517490953, 0.1 + 0.2];
    const obs = values.map((value, i) => observation({ period: String(2000 + i), value }));
    const data = JSON.parse((await render(json(), context({ observations: obs }))).bytes.toString("utf8")) as { value: number }[];
    expect(data.map((d) => d.value)).toEqual(values);
  });

  it("writes a reported value's exact decimal digits as its JSON number, and a derived one as before", async () => {
    const obs = [
      observation({ period: "2016", value: 9007199254740992, decimal: "9007199254740993" }),
      observation({ period: "2017", value: 1.5e-7, decimal: "0.00000015" }),
      observation({ period: "2018", value: 1.5e-7, method: "derived" }),
    ];
    const text = (await render(json(), context({ observations: obs }))).bytes.toString("utf8");
    expect(text.match(/"value":[^,]*/g)).toEqual(['"value":9007199254740993', '"value":0.00000015', '"value":1.5e-7']);
    expect((JSON.parse(text) as { value: number }[]).map((d) => d.value)).toEqual([9007199254740992, 1.5e-7, 1.5e-7]);
  });

  it("writes [] for no observations", async () => {
    expect((await render(json(), context({ observations: [] }))).bytes.toString("utf8")).toBe("[]\n");
  });
});

describe("jsonObject", () => {
  it("writes exactly what JSON.stringify writes for the fields in order", async () => {
    const { jsonObject } = await import("../../../src/format/json.js");
    const { OBSERVATION_FIELDS } = await import("../../../src/format/fields.js");
    for (const o of [observation(), observation({ quote: 'tab\\t"quote"\\n\\u2028 é', value: -1.5e-7, sourceIds: ["a", "b"], derivedFrom: ["x KEN 2018"] })]) {
      const record: Record<string, unknown> = {};
      for (const f of OBSERVATION_FIELDS) record[f.name] = f.json(o);
      expect(jsonObject(o)).toBe(JSON.stringify(record));
    }
  });
});
