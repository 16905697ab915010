import { describe, expect, it } from "vitest";
import { DefinitionError, checks, readers, targets } from "../../src/index.js";
import { testPipeline } from "../helpers/pipeline.js";

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DefinitionError);
    return [...(err as DefinitionError).problems];
  }
  throw new Error("expected a DefinitionError");
}

describe("definePipeline", () => {
  it("accepts a sound definition and marks it defined", () => {
    expect(testPipeline().defined).toBe(true);
  });

  it("lists every problem of a broken definition at once", () => {
    const problems = problemsOf(() =>
      testPipeline({
        id: "Bad_ID",
        checks: [checks.references({ input: "figures", field: "source", to: "nowhere", key: "id" })],
        derivations: [
          { indicator: "broadband_subscriptions", formula: "data_subscriptions * nothing_produces_this" },
          { indicator: "not_declared", formula: "population / 2" },
          { indicator: "population", formula: "population * (2" },
        ],
        outputs: [targets.csv(), targets.csv(), targets.json({ file: "../escape.json" }), targets.json({ file: "run.json" })],
        schedule: { cron: "0 25 * * *", timezone: "Mars/Olympus" },
        maxRejected: "150%",
      }),
    );
    expect(problems).toEqual([
      'id: expected kebab-case letters and digits such as "china-kenya-digital-economy", got "Bad_ID"',
      'maxRejected: expected a whole number of rows or a share such as "5%", got "150%"',
      'schedule.cron: expected a cron expression such as "0 6 * * 1", got "0 25 * * *" (25 is a invalid expression for hour)',
      'schedule.timezone: expected an IANA time zone such as "Africa/Nairobi", got "Mars/Olympus"',
      'checks[0] (references): unknown input "nowhere"',
      'checks[0] (references): input "figures" has no column "source"',
      'derivations[0] (broadband_subscriptions): formula uses "nothing_produces_this", which no input or derivation produces',
      'derivations[1] (not_declared): derives undeclared indicator "not_declared"',
      'derivations[2] (population): formula "population * (2": missing ")"',
      'outputs: two targets write "indicators.csv"',
      'outputs (json): file "../escape.json" must be a plain file name inside the output folder',
      'outputs (json): "run.json" is written by the engine itself',
    ]);
  });

  it("refuses circular derivations and a second derivation of one indicator", () => {
    const problems = problemsOf(() =>
      testPipeline({
        derivations: [
          { indicator: "internet_users", formula: "mobile_internet_users * 2" },
          { indicator: "mobile_internet_users", formula: "internet_users / 2" },
          { indicator: "internet_users", formula: "population" },
        ],
      }),
    );
    expect(problems).toEqual([
      'derivations[2] (internet_users): a second derivation of "internet_users"; each indicator has at most one',
      "derivations: circular: internet_users → mobile_internet_users → internet_users",
    ]);
  });

  it("requires a figures input, at most one sources input (one when figures cite sources by id), and safe input file names", () => {
    const base = testPipeline();
    const problems = problemsOf(() =>
      testPipeline({
        inputs: {
          figures: { ...base.inputs.figures!, reader: readers.sources() },
          sources: { ...base.inputs.sources!, file: "/etc/passwd" },
        },
      }),
    );
    expect(problems).toEqual([
      'inputs.sources.file: expected a file name inside the pipeline\'s raw folder, got "/etc/passwd"',
      "inputs: at least one input holding figures is required (a reader such as readers.figures() or readers.worldBank({...}))",
      "inputs: at most one sources input, got figures, sources",
      // The checks name the figure columns, which a sources file does not have.
      ...["country", "indicator", "period", "value"].map((c) => `checks[4] (figure-conflicts): input "figures" has no column "${c}"`),
    ]);
    expect(problemsOf(() => testPipeline({ inputs: { figures: base.inputs.figures! } }))).toEqual([
      "inputs: figures cites sources by id, so a sources input (readers.sources()) is required; or declare the source in the reader",
      'checks[0] (duplicate-rows): unknown input "sources"',
      'checks[1] (unique): unknown input "sources"',
      'checks[3] (references): unknown input "sources"',
    ]);
  });

  it("an input's url must be http(s); a zip member needs a url and a valid pattern", () => {
    const base = testPipeline();
    const url = "https://api.worldbank.org/v2/en/indicator/SP.POP.TOTL?downloadformat=csv";
    expect(testPipeline({ inputs: { ...base.inputs, figures: { ...base.inputs.figures!, url, member: "API_SP.POP.TOTL_DS2_*.csv" } } }).inputs.figures).toMatchObject({ url });
    expect(testPipeline({ inputs: { ...base.inputs, figures: { ...base.inputs.figures!, url: "http://example.org/f.csv", member: "/^API_.*\\.csv$/" } } }).defined).toBe(true);
    const problems = problemsOf(() =>
      testPipeline({
        inputs: {
          figures: { ...base.inputs.figures!, url: "ftp://example.org/figures.csv", member: "/(unclosed/" },
          sources: { ...base.inputs.sources!, member: "*.csv" },
        },
      }),
    );
    expect(problems).toEqual([
      'inputs.figures.url: expected an http:// or https:// URL, got "ftp://example.org/figures.csv"',
      'inputs.figures.member: "/(unclosed/" is not a valid pattern: Invalid regular expression: /(unclosed/: Unterminated group',
      "inputs.sources.member: a zip member needs the url of its archive",
    ]);
    expect(problemsOf(() => testPipeline({ inputs: { ...base.inputs, figures: { ...base.inputs.figures!, url: "not a url", member: "" } } }))).toEqual([
      'inputs.figures.url: expected an http:// or https:// URL, got "not a url"',
      'inputs.figures.member: expected a glob such as "API_*.csv" or a regular expression such as "/^API_.*\\.csv$/", got ""',
    ]);
  });

  it("checks see problems only they can: units that cannot be compared, a concept nobody declares", () => {
    const problems = problemsOf(() =>
      testPipeline({
        checks: [
          checks.partOfWhole({ part: "data_subscriptions", whole: "population" }),
          checks.shareOfPopulation({ share: "population", count: "internet_users", population: "broadband_share" }),
          checks.conceptGap({ concept: "nothing-declares-this" }),
          checks.partOfWhole({ part: "mobile_internet_users", whole: "no_such_indicator" }),
        ],
      }),
    );
    expect(problems).toEqual([
      "checks[0] (part-of-whole): data_subscriptions (subscriptions) and population (persons) must have the same unit",
      "checks[1] (share-of-population): population must be in percent",
      "checks[1] (share-of-population): broadband_share must be a count",
      'checks[2] (concept-gap): concept "nothing-declares-this" needs at least two indicators declaring it, found 0',
      'checks[3] (part-of-whole): unknown indicator "no_such_indicator"',
    ]);
  });

  it.each([
    [{ id: "../escape" }, 'id: expected kebab-case letters and digits such as "china-kenya-digital-economy", got "../escape"'],
    [{ id: "/etc" }, 'id: expected kebab-case letters and digits such as "china-kenya-digital-economy", got "/etc"'],
    [{ outputs: [targets.csv({ file: "/tmp/x.csv" })] }, 'outputs (csv): file "/tmp/x.csv" must be a plain file name inside the output folder'],
    [{ outputs: [targets.csv({ file: "sub/x.csv" })] }, 'outputs (csv): file "sub/x.csv" must be a plain file name inside the output folder'],
    [{ outputs: [targets.csv({ file: ".." })] }, 'outputs (csv): file ".." must be a plain file name inside the output folder'],
    [{ outputs: [targets.csv({ file: "releases.json" })] }, 'outputs (csv): "releases.json" is written by the engine itself'],
    [{ keepReleases: 0 }, "keepReleases: expected a whole number of releases, at least 1, got 0"],
  ])("refuses a definition that would write outside its folder or over the engine's files: %j", (over, problem) => {
    expect(problemsOf(() => testPipeline(over as never))).toEqual([problem]);
  });

  it("the error message names the pipeline and lists the problems", () => {
    expect(() => testPipeline({ title: "" })).toThrow(/pipeline "test-figures" has 1 definition problem:\n {2}- title: required/);
  });
});

describe("definePipeline: inputs, readers, dialects, sources, entities, units", () => {
  const WDI = { id: "wb-wdi", publisher: "World Bank", title: "WDI", url: "https://data.worldbank.org", license: "CC-BY-4.0" };

  it("checks each input's reader options and dialect (merged over the reader's), naming the input", () => {
    const base = testPipeline();
    const problems = problemsOf(() =>
      testPipeline({
        inputs: {
          ...base.inputs,
          figures: { file: "figures.csv", reader: readers.figures(), dialect: { delimiter: ";;", decimal: "," } },
          internet: { file: "api.csv", reader: readers.worldBank({ indicators: { "IT.NET.USER.ZS": "no_such_indicator" }, source: "not an id" }) },
          old: { file: "old.csv", role: "figures", schema: {} } as never,
        },
      }),
    );
    expect(problems).toEqual([
      'inputs.figures.dialect.delimiter: expected one character other than a line break, got ";;"',
      "inputs.figures.dialect.decimal: the figures layout does not read it (it reads delimiter, quoteChar, skipRows, headerStartsWith, encoding, bom)",
      'inputs.internet.reader.indicators["IT.NET.USER.ZS"]: "no_such_indicator" is not an indicator of this pipeline (internet_users, mobile_internet_users, population, internet_users_share, internet_penetration, subscriptions_per_100, data_subscriptions, broadband_share, broadband_subscriptions)',
      'inputs.internet.reader.source: expected a source id of lower-case letters, digits, ".", "_" and "-", got "not an id"',
      "inputs.old.role: no longer an option; declare the layout with a reader, such as reader: readers.figures() or readers.sources()",
      "inputs.old.schema: no longer an option; declare the layout with a reader, such as reader: readers.figures() or readers.sources()",
      "inputs.old.reader: expected a reader, such as readers.figures(), readers.sources() or readers.worldBank({...}), got undefined",
    ]);
  });

  it("a source declared in two readers must be declared alike; a table declaring its source refers to no row of sources.csv", () => {
    const problems = problemsOf(() =>
      testPipeline({
        inputs: {
          a: { file: "a.csv", reader: readers.worldBank({ indicators: { "IT.NET.USER.ZS": "internet_users_share" }, source: WDI }) },
          b: { file: "b.csv", reader: readers.worldBank({ indicators: { "SP.POP.TOTL": "population" }, source: { ...WDI, title: "Another title" } }) },
          sources: testPipeline().inputs.sources!,
        },
        checks: [checks.references({ input: "a", field: "source_id", to: "sources", key: "source_id" })],
      }),
    );
    expect(problems).toEqual([
      'inputs.b.reader.source: "wb-wdi" is declared differently by input a; one source id is one source',
      'checks[0] (references): a declares its source "wb-wdi" in its reader, so it refers to no row of sources; the engine checks that every cell cites a known source',
    ]);
  });

  it("entities: `from` names an entities input, and an entities input is read only through it", () => {
    const base = testPipeline();
    expect(problemsOf(() => testPipeline({ entities: { from: "figures" } }))).toEqual([
      'entities.from: input "figures" does not hold entities (its reader is "figures"; use readers.worldBankCountries())',
    ]);
    expect(problemsOf(() => testPipeline({ inputs: { ...base.inputs, countries: { file: "meta.csv", reader: readers.worldBankCountries() } } }))).toEqual([
      "inputs.countries: an entities input is read only as entities.from, which names none",
    ]);
    expect(
      problemsOf(() =>
        testPipeline({ countryNames: { XKX: "Kosovo" }, derivations: [{ indicator: "broadband_subscriptions", formula: "data_subscriptions * broadband_share / 100", countries: ["WLD"] }] }),
      ),
    ).toEqual([
      'countryNames: "XKX" is not an entity of this pipeline (an ISO 3166-1 alpha-3 code, or one in entities.list)',
      'derivations[0] (broadband_subscriptions): "WLD" is not an entity of this pipeline (an ISO 3166-1 alpha-3 code, or one in entities.list)',
    ]);
    expect(testPipeline({ entities: { list: [{ code: "XKX", name: "Kosovo", kind: "country" }] }, countryNames: { XKX: "Kosovo" } }).defined).toBe(true);
  });

  it("units: the pipeline's own are checked, and an indicator is declared in a base unit", () => {
    const units = { tonnes: { label: "tonnes", kind: "count" as const, description: "Metric tonnes." }, "thousand tonnes": { base: "tonnes", power: 3 } };
    const indicators = {
      catch_t: { name: "Catch", unit: "tonnes", description: "d" },
      catch_kt: { name: "Catch", unit: "thousand tonnes", description: "d" },
      other: { name: "X", unit: "kilograms", description: "d" },
    };
    expect(problemsOf(() => testPipeline({ units, indicators, checks: [], derivations: [] }))).toEqual([
      'indicators.catch_kt.unit: "thousand tonnes" is a scaled unit; declare the indicator in its base unit "tonnes" (figures printed in "thousand tonnes" are published in it)',
      'indicators.other.unit: expected one of persons, subscriptions, USD, percent, USD per person, tonnes, thousand tonnes, got "kilograms"',
    ]);
  });
});

describe("definePipeline: derivation kinds", () => {
  it("kinds names entity kinds", () => {
    expect(
      problemsOf(() => testPipeline({ derivations: [{ indicator: "broadband_subscriptions", formula: "data_subscriptions * broadband_share / 100", kinds: ["country", "planet" as "country"] }] })),
    ).toEqual(['derivations[0] (broadband_subscriptions): kinds: expected entity kinds (country, region, income-group, aggregate), got "planet"']);
    expect(problemsOf(() => testPipeline({ derivations: [{ indicator: "broadband_subscriptions", formula: "data_subscriptions * broadband_share / 100", kinds: [] }] }))).toEqual([
      "derivations[0] (broadband_subscriptions): kinds: at least one entity kind (or leave it out: every kind)",
    ]);
  });
});

describe("definePipeline: aggregates", () => {
  const world = {
    list: [
      { code: "WLD", name: "World", kind: "aggregate" as const, members: ["KEN", "UGA"] },
      { code: "EAC", name: "East African Community", kind: "region" as const, members: ["KEN", "UGA", "TZA"] },
    ],
  };
  const share = { indicator: "internet_users", formula: "internet_users_share * population / 100", kinds: ["country" as const] };

  it("accepts sums of counts and population-weighted means of shares, with coverage", () => {
    const p = testPipeline({
      entities: world,
      derivations: [share],
      aggregates: [
        { indicator: "internet_users", method: "sum", coverage: { min: "90%", by: "population" }, decimals: 0 },
        { indicator: "internet_users_share", method: "weighted-mean", weight: "population", coverage: { min: "90%", by: "population" }, groups: ["WLD"] },
        { indicator: "population", method: "sum", coverage: { min: "90%" }, groups: ["region", "aggregate"] },
      ],
    });
    expect(p.aggregates).toHaveLength(3);
  });

  it("lists every problem of the aggregates at once", () => {
    const problems = problemsOf(() =>
      testPipeline({
        entities: world,
        derivations: [],
        aggregates: [
          { indicator: "nothing", method: "sum" },
          { indicator: "internet_users_share", method: "sum" },
          { indicator: "internet_users_share", method: "weighted-mean" },
          { indicator: "population", method: "sum", weight: "population", coverage: { min: "120%" as "90%", by: "population" } },
          { indicator: "internet_users", method: "median" as "sum", coverage: { min: "90" as "90%", by: "nowhere" } },
          { indicator: "data_subscriptions", method: "weighted-mean", weight: "broadband_share", groups: ["country", "XYZ", "Bad code"], from: "all" as "any", decimals: 13 },
        ],
      }),
    );
    expect(problems).toEqual([
      'aggregates[0] (nothing): indicator "nothing" is not declared',
      'aggregates[1] (internet_users_share): a sum of percentages means nothing; use method "weighted-mean" with a weight such as population',
      'aggregates[2] (internet_users_share): a second aggregate of "internet_users_share"; each indicator has at most one',
      "aggregates[2] (internet_users_share): weight: required for a weighted mean (the indicator that weighs each member, such as population)",
      "aggregates[3] (population): weight: only a weighted mean has one",
      'aggregates[3] (population): coverage.min: expected a share such as "90%", more than 0% and at most 100%, got "120%"',
      'aggregates[3] (population): coverage.by: "population" is the indicator summed, so the members with data always hold all of it; leave "by" out to count members instead',
      'aggregates[4] (internet_users): method: expected "sum" or "weighted-mean", got "median"',
      'aggregates[4] (internet_users): coverage.min: expected a share such as "90%", more than 0% and at most 100%, got "90"',
      'aggregates[4] (internet_users): coverage.by: indicator "nowhere" is not declared',
      'aggregates[5] (data_subscriptions): weight: "broadband_share" is in percent; a weight is a count or an amount, such as population',
      'aggregates[5] (data_subscriptions): groups: "country" is not a group; name group kinds (region, income-group, aggregate) or group codes',
      'aggregates[5] (data_subscriptions): groups: "XYZ" is not a group of this pipeline (one in entities.list with members)',
      'aggregates[5] (data_subscriptions): groups: expected a group kind or an entity code such as "WLD", got "Bad code"',
      'aggregates[5] (data_subscriptions): from must be "reported" or "any"',
      "aggregates[5] (data_subscriptions): decimals must be a whole number from 0 to 12",
    ]);
  });

  it("refuses a derivation and an aggregate producing one indicator for the same entities", () => {
    const sum = { indicator: "internet_users", method: "sum" as const };
    expect(problemsOf(() => testPipeline({ entities: world, derivations: [{ indicator: share.indicator, formula: share.formula }], aggregates: [sum] }))).toEqual([
      'aggregates[0] (internet_users): derivations[0] also produces "internet_users" for groups (region, income-group, aggregate); limit the derivation to other kinds, such as kinds: ["country"]',
    ]);
    expect(problemsOf(() => testPipeline({ entities: world, derivations: [{ ...share, kinds: ["country", "region"] }], aggregates: [{ ...sum, groups: ["EAC"] }] }))).toEqual([
      'aggregates[0] (internet_users): derivations[0] also produces "internet_users" for groups (region); limit the derivation to other kinds, such as kinds: ["country"]',
    ]);
    expect(testPipeline({ entities: world, derivations: [{ ...share, kinds: ["country", "region"] }], aggregates: [{ ...sum, groups: ["WLD"] }] }).defined).toBe(true);
  });

  it("needs groups with members: declared, or from an entities input (known when it is read)", () => {
    expect(problemsOf(() => testPipeline({ aggregates: [{ indicator: "population", method: "sum" }] }))).toEqual([
      "aggregates[0] (population): no group has members to aggregate (declare groups with members in entities.list, or read them with entities.from)",
    ]);
    const base = testPipeline();
    const fromFile = testPipeline({
      inputs: { ...base.inputs, countries: { file: "meta.csv", reader: readers.worldBankCountries() } },
      entities: { from: "countries" },
      aggregates: [{ indicator: "population", method: "sum", groups: ["SSF", "income-group"] }],
    });
    expect(fromFile.defined).toBe(true);
  });
});

describe("definePipeline: the source of an entities input", () => {
  it("is declared in its reader (entities are read before the sources input)", () => {
    const base = testPipeline();
    const withSource = (source: Parameters<typeof readers.worldBankCountries>[0]) =>
      problemsOf(() => testPipeline({ inputs: { ...base.inputs, countries: { file: "meta.csv", reader: readers.worldBankCountries(source) } }, entities: { from: "countries" } }));
    expect(withSource({ source: "src-a" })).toEqual([
      'inputs.countries.reader.source: declare the source here ({ id, publisher, title, url, license }); an entities input is read before the sources input, so it cannot cite one of its rows, got "src-a"',
    ]);
    expect(withSource({ source: { id: "wb-groups", publisher: "World Bank", title: "", url: "ftp://x", license: "CC-BY-4.0" } })).toEqual([
      'inputs.countries.reader.source.title: required, got ""',
      'inputs.countries.reader.source.url: expected an http(s) URL, got "ftp://x"',
    ]);
  });
});
