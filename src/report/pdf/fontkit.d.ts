/** The little of fontkit (a dependency of pdfkit, pinned beside it) that fonts.ts uses; it ships no types. */
declare module "fontkit" {
  export interface Glyph {
    readonly id: number;
    readonly codePoints: readonly number[];
    readonly advanceWidth: number;
  }
  export interface Font {
    readonly postscriptName: string;
    layout(text: string, features?: unknown): unknown;
    glyphsForString(text: string): Glyph[];
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
