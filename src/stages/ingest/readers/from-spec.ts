/** Builds a reader again from its spec: a worker thread receives specs, not readers (they hold functions). */
import { long, type LongOptions } from "./long.js";
import type { Reader, ReaderSpec } from "../../../contracts/reader.js";
import { figures, sources } from "./rows.js";
import { wide, type WideOptions } from "./wide.js";
import { worldBankCountries, type WorldBankCountriesOptions } from "./world-bank-countries.js";
import { worldBank, type WorldBankOptions } from "./world-bank.js";

export function readerFromSpec(spec: ReaderSpec): Reader {
  switch (spec.factory) {
    // An own schema is not portable: its spec only names its columns, and no worker gets it.
    case "figures":
      return figures();
    case "sources":
      return sources();
    case "long":
      return long(spec.options as LongOptions);
    case "wide":
      return wide(spec.options as WideOptions);
    case "worldBank":
      return worldBank(spec.options as WorldBankOptions);
    case "worldBankCountries":
      return worldBankCountries(spec.options as WorldBankCountriesOptions);
    default:
      throw new Error(`no reader factory ${JSON.stringify(spec.factory)}`);
  }
}
