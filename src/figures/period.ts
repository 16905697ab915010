/** Periods as published: a year (2018), a month (2018-12) or a day (2018-12-31). */
export type PeriodPrecision = "year" | "month" | "day";

export interface Period {
  text: string;
  year: number;
  precision: PeriodPrecision;
  /** 1–12, for a month or a day. */
  month?: number;
  /** 1–31, for a day. */
  day?: number;
}

export const PERIOD_RULE = "expected a period as YYYY, YYYY-MM or YYYY-MM-DD, such as 2018 or 2018-12";

const PERIOD = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export function parsePeriod(text: string): Period | null {
  const m = PERIOD.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2] === undefined) return { text, year, precision: "year" };
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  if (m[3] === undefined) return { text, year, precision: "month", month };
  const day = Number(m[3]);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return null;
  return { text, year, precision: "day", month, day };
}

/** The year a period falls in, for derivations and checks that match periods by year. */
export function periodYear(text: string): string {
  return text.slice(0, 4);
}
