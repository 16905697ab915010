/**
 * The HTTP client's dispatcher, with proxies taken from the environment by undici's
 * EnvHttpProxyAgent (no proxy code of our own). Which variables count, as curl reads them:
 *
 * - `http_proxy` for http:// URLs, in lower case only: `HTTP_PROXY` is ignored, because CGI
 *   servers set it from a request's `Proxy:` header ("httpoxy");
 * - `https_proxy` or `HTTPS_PROXY` for https:// URLs (CONNECT tunnel). Without either, undici
 *   sends https:// URLs through `http_proxy` (curl would go direct);
 * - `no_proxy` or `NO_PROXY`: hosts (and `host:port`, `.domain`, `*`) reached directly.
 *
 * The variables are read from the `env` given (process.env by default) and handed to undici
 * explicitly, so a test can set them without touching the process's environment.
 */
import { EnvHttpProxyAgent, type Dispatcher, type ProxyAgent } from "undici";

export type Env = Readonly<Record<string, string | undefined>>;

export interface ProxySettings {
  http: string;
  https: string;
  noProxy: string;
}

export function proxySettings(env: Env = process.env): ProxySettings {
  return {
    http: env.http_proxy ?? "",
    https: env.https_proxy ?? env.HTTPS_PROXY ?? "",
    noProxy: env.no_proxy ?? env.NO_PROXY ?? "",
  };
}

export interface DispatcherOptions {
  connectTimeoutMs: number;
  env?: Env;
}

export function makeDispatcher(opts: DispatcherOptions): Dispatcher {
  const proxy = proxySettings(opts.env);
  const connect = { timeout: opts.connectTimeoutMs };
  // undici 6 passes these ProxyAgent options through EnvHttpProxyAgent, though its types omit them.
  const options: EnvHttpProxyAgent.Options & Pick<ProxyAgent.Options, "proxyTls" | "requestTls" | "proxyTunnel"> = {
    // "" (not undefined) means "none": undici falls back to process.env only for undefined.
    httpProxy: proxy.http,
    httpsProxy: proxy.https,
    noProxy: proxy.noProxy,
    connect,
    // The connect timeout also covers reaching the proxy, and the TLS handshake through it.
    proxyTls: connect,
    requestTls: connect,
    // Off: the download's own total timeout covers waiting for headers and for body bytes, so
    // one rule decides and one message says which limit was hit.
    headersTimeout: 0,
    bodyTimeout: 0,
    // http:// URLs go to an HTTP proxy as absolute-URI requests, as curl sends them (undici's
    // default would tunnel them with CONNECT, which many company proxies refuse for port 80);
    // https:// URLs are always tunnelled.
    proxyTunnel: false,
  };
  return withoutExperimentalWarning(() => new EnvHttpProxyAgent(options));
}

/**
 * undici 6 prints "EnvHttpProxyAgent is experimental" on stderr the first time one is made.
 * The version is pinned, so its behaviour is what the tests saw; the warning would only alarm
 * the people reading a fetch's output. Exactly that warning (code UNDICI-EHPA) is dropped.
 */
function withoutExperimentalWarning<T>(make: () => T): T {
  const original = process.emitWarning;
  process.emitWarning = function (this: unknown, warning: string | Error, ...rest: unknown[]) {
    const code = (rest[0] as { code?: string } | undefined)?.code;
    if (code === "UNDICI-EHPA") return;
    return (original as (...args: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    return make();
  } finally {
    process.emitWarning = original;
  }
}
