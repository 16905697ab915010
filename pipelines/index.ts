/**
 * The registry: every pipeline, listed explicitly. A pipeline folder that is not listed here
 * fails the structural test (test/pipelines/registry.test.ts).
 */
import type { Pipeline } from "../src/index.js";
import chinaKenyaDigitalEconomy from "./china-kenya-digital-economy/pipeline.js";
import worldInternetUse from "./world-internet-use/pipeline.js";

export const pipelines: readonly Pipeline[] = [chinaKenyaDigitalEconomy, worldInternetUse];
