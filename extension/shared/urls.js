// URL patterns: the JavaScript port of walkthroughs/urls.py. Both run the same
// vectors (tests/extension/url_pattern_vectors.json). A classic script for the
// content scripts and a side-effect module for the worker: it only touches
// globalThis.Trailguide.
(() => {
  const ns = (globalThis.Trailguide ??= /** @type {TrailguideNamespace} */ ({}));

  // scheme://authority/path — like walkthroughs/urls.py: the path starts with "/".
  const SHAPE = /^([^:/?#]*):\/\/([^/?#]*)([^?#]*)(.*)$/s;
  const LABEL = "[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?";
  const HOSTNAME = new RegExp(`^${LABEL}(?:\\.${LABEL})*\\.?$`);
  const IPV6 = /^\[[0-9a-f:.]+\]$/;
  const DEFAULT_PORTS = { "http:": 80, "https:": 443 };

  /**
   * @typedef {{scheme: string, host: string, port: number | null, path: string}}
   *   ParsedPattern
   */

  /** @returns {{port: number} | {error: string}} */
  function parsePort(raw) {
    if (!/^[0-9]{1,5}$/.test(raw) || Number(raw) < 1 || Number(raw) > 65535) {
      return { error: "the port must be a number from 1 to 65535 (omit it for any port)" };
    }
    return { port: Number(raw) };
  }

  /** @returns {{host: string, port: number | null} | {error: string}} */
  function parseAuthority(authority) {
    if (authority.includes("@")) return { error: "a pattern may not contain user names or passwords" };
    if (authority.startsWith("[")) {
      const end = authority.indexOf("]");
      const host = authority.slice(0, end + 1);
      const tail = authority.slice(end + 1);
      if (end < 0 || (tail && !tail.startsWith(":")) || !IPV6.test(host)) {
        return { error: "an IPv6 host is written in brackets, e.g. http://[::1]:8080/" };
      }
      const port = tail ? parsePort(tail.slice(1)) : { port: null };
      return "error" in port ? port : { host: host.slice(1, -1), port: port.port };
    }
    let host = authority;
    /** @type {{port: number | null} | {error: string}} */
    let port = { port: null };
    const colon = authority.lastIndexOf(":");
    if (colon >= 0) {
      host = authority.slice(0, colon);
      port = parsePort(authority.slice(colon + 1));
      if ("error" in port) return port;
    }
    if (host !== "*") {
      const bare = host.startsWith("*.") ? host.slice(2) : host;
      if (bare.includes("*")) return { error: "a wildcard host is '*' or starts with '*.'" };
      if (!bare || !HOSTNAME.test(bare) || bare.length > 253) return { error: "not a valid host name" };
      host = host.replace(/\.$/, "");
    }
    return { host, port: port.port };
  }

  /**
   * Parse a pattern; an invalid one yields {error} with the reason.
   * @param {string} pattern
   * @returns {ParsedPattern | {error: string}}
   */
  function parsePattern(pattern) {
    if (typeof pattern !== "string") return { error: "a URL pattern must be a string" };
    if (pattern.length > 2048) return { error: "a URL pattern may be at most 2048 characters" };
    if (!pattern || /\s/.test(pattern)) return { error: "a URL pattern may not be empty or contain spaces" };
    const shape = SHAPE.exec(pattern);
    if (!shape) return { error: "expected scheme://host/path" };
    const [, rawScheme, authority, rawPath, rest] = shape;
    if (rest) return { error: "patterns ignore query strings and fragments: remove '?' and '#'" };
    const scheme = rawScheme.toLowerCase();
    if (!["http", "https", "*"].includes(scheme)) return { error: "the scheme must be http, https or *" };
    const parsed = parseAuthority(authority.toLowerCase());
    if ("error" in parsed) return parsed;
    return { scheme, host: parsed.host, port: parsed.port, path: rawPath || "/*" };
  }

  /**
   * Whether `text` matches `glob` ("*" is any run of characters). Leftmost
   * matching of each literal piece suffices and never backtracks.
   */
  function globMatches(glob, text) {
    const pieces = glob.split("*");
    if (pieces.length === 1) return glob === text;
    const first = pieces[0];
    const last = pieces[pieces.length - 1];
    if (text.length < first.length + last.length || !text.startsWith(first)) return false;
    if (!text.endsWith(last)) return false;
    let position = first.length;
    const end = text.length - last.length;
    for (const piece of pieces.slice(1, -1)) {
      const found = text.indexOf(piece, position);
      if (found < 0 || found + piece.length > end) return false;
      position = found + piece.length;
    }
    return true;
  }

  /** @type {Map<string, ParsedPattern | {error: string}>} */
  const cache = new Map();

  function parsedCached(pattern) {
    let parsed = cache.get(pattern);
    if (!parsed) {
      parsed = parsePattern(pattern);
      if (cache.size > 500) cache.clear();
      cache.set(pattern, parsed);
    }
    return parsed;
  }

  function hostMatches(patternHost, host) {
    if (patternHost === "*") return true;
    if (patternHost.startsWith("*.")) {
      const base = patternHost.slice(2);
      return host === base || host.endsWith(`.${base}`);
    }
    return host === patternHost;
  }

  /**
   * Whether `url` matches `pattern` (query string and fragment ignored); an
   * invalid pattern or URL matches nothing.
   * @param {string} pattern
   * @param {string} url
   */
  function matches(pattern, url) {
    const parsed = parsedCached(pattern);
    if ("error" in parsed) return false;
    let target;
    try {
      target = new URL(url);
    } catch {
      return false;
    }
    const scheme = target.protocol.slice(0, -1);
    if (!(scheme in { http: 1, https: 1 })) return false;
    if (parsed.scheme !== "*" && parsed.scheme !== scheme) return false;
    const host = target.hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "");
    if (!hostMatches(parsed.host, host)) return false;
    const port = target.port ? Number(target.port) : DEFAULT_PORTS[target.protocol];
    if (parsed.port !== null && parsed.port !== port) return false;
    return globMatches(parsed.path, target.pathname || "/");
  }

  /**
   * A Chrome match pattern covering every URL the pattern can match (whole
   * host, any path): the content script re-checks the exact pattern.
   * @param {string} pattern
   * @returns {string | null}
   */
  function toMatchPattern(pattern) {
    const parsed = parsedCached(pattern);
    if ("error" in parsed) return null;
    const host = parsed.host.includes(":") ? `[${parsed.host}]` : parsed.host;
    return `${parsed.scheme}://${host}/*`;
  }

  ns.urls = Object.freeze({ parsePattern, matches, globMatches, toMatchPattern });
})();
