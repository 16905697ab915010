/**
 * The readers, one per layout, as pipeline definitions use them: `readers.figures()`,
 * `readers.sources()`, `readers.long({...})`, `readers.wide({...})`, `readers.worldBank({...})`,
 * `readers.worldBankCountries()`.
 */
export { figures, sources, type FiguresOptions } from "./rows.js";
export { long, type LongOptions } from "./long.js";
export { wide, type WideOptions } from "./wide.js";
export { worldBank, type WorldBankOptions } from "./world-bank.js";
export { worldBankCountries, type WorldBankCountriesOptions } from "./world-bank-countries.js";
export type { EntityColumns, IndicatorOption } from "./options.js";
export type { SourceOption } from "../../../contracts/reader.js";
