/**
 * Country codes and names come from i18n-iso-countries (ISO 3166-1), not from a list of ours.
 * A pipeline may override a name (the package's default English name for CHN is
 * "People's Republic of China"; a report reads better with "China").
 */
import { createRequire } from "node:module";
import countries from "i18n-iso-countries";

const require = createRequire(import.meta.url);
countries.registerLocale(require("i18n-iso-countries/langs/en.json") as countries.LocaleData);

export function isCountryCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && countries.isValid(code);
}

export function countryName(code: string, overrides: Readonly<Record<string, string>> = {}): string {
  return overrides[code] ?? countries.getName(code, "en") ?? code;
}

/** Every English name the ISO package knows for a country: its official short name first, then
 *  the common ones ("People's Republic of China", "China"; "United Kingdom", "UK"). */
export function countryNamesAll(code: string): string[] {
  const names = countries.getName(code, "en", { select: "all" }) as string[] | undefined;
  return names ?? [];
}

/** Every ISO 3166-1 alpha-3 code, sorted. */
export function countryCodes(): string[] {
  return Object.keys(countries.getAlpha3Codes()).sort();
}
