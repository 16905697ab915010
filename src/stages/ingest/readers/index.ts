/**
 * The readers, one per layout: `readers.long({...})`, `readers.wide({...})`,
 * `readers.worldBank({...})`, `readers.worldBankCountries()`. A reader's spec builds it again
 * (readerFromSpec), for worker threads and the fingerprint.
 */
import { long, type LongOptions } from "./long.js";
import type { Reader, ReaderSpec } from "./reader.js";
import { wide, type WideOptions } from "./wide.js";
import { worldBankCountries, type WorldBankCountriesOptions } from "./world-bank-countries.js";
import { worldBank, type WorldBankOptions } from "./world-bank.js";

export { long, wide, worldBank, worldBankCountries };
export type { LongOptions, WideOptions, WorldBankOptions, WorldBankCountriesOptions };

export function readerFromSpec(spec: ReaderSpec): Reader {
  switch (spec.factory) {
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
