/** The little of fontkit (a dependency of pdfkit, pinned beside it) that fonts.ts uses; it ships no types. */
declare module "fontkit" {
  export interface Font {
    readonly postscriptName: string;
    layout(text: string, features?: unknown): unknown;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
