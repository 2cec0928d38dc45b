/**
 * Makes html-to-image's SVG an order of magnitude smaller without changing a pixel.
 *
 * html-to-image inlines every computed property of every element (about 15 KB each), so the
 * sample's diagram weighs 2.4 MB and a large design tens of MB. On HTML elements, a declaration
 * can go when the element would get the same value without it:
 *  - an inherited property (INHERITED) equal to its parent's value — it inherits it;
 *  - any property equal both to the element's default (read once per tag from a blank page) and to
 *    its parent's value — inherited or not, the result is the same value.
 * By induction from the root, every element's computed style stays what it was. Custom properties
 * (`--tw-…`, `--xy-…`) go too: the values they fed are already resolved in the inlined styles.
 *
 * Never dropped by the second rule: properties whose computed value depends on another property
 * or on layout (a border's width is 0 only while its style is none; widths, offsets and margins
 * read back as used pixels; colours that default to currentcolor; SVG geometry). On SVG elements
 * (edges, icons) a property set by a presentation attribute (`stroke-width="1.8"`) stays inline
 * too: without it the attribute, not inheritance, would decide.
 *
 * Browser only (DOMParser, CSSOM, an invisible same-origin iframe for the defaults).
 */

/** CSS longhands that inherit (CSS 2.2, CSS Text/Fonts/Inline, SVG 2). Only certain ones: an unlisted one is still handled, just kept more often. */
const INHERITED = new Set(
  [
    "color", "cursor", "direction", "visibility", "pointer-events", "caret-color", "accent-color", "color-scheme", "quotes", "orphans", "widows",
    "font-family", "font-feature-settings", "font-kerning", "font-optical-sizing", "font-palette", "font-size", "font-size-adjust", "font-stretch",
    "font-style", "font-synthesis-small-caps", "font-synthesis-style", "font-synthesis-weight", "font-variant-alternates", "font-variant-caps",
    "font-variant-east-asian", "font-variant-emoji", "font-variant-ligatures", "font-variant-numeric", "font-variant-position",
    "font-variation-settings", "font-weight", "-webkit-font-smoothing", "-webkit-locale",
    "letter-spacing", "word-spacing", "line-height", "line-break", "hyphens", "hyphenate-character", "overflow-wrap", "word-break", "tab-size",
    "text-align", "text-align-last", "text-indent", "text-justify", "text-orientation", "text-rendering", "text-shadow", "text-size-adjust",
    "text-transform", "text-underline-offset", "text-underline-position", "text-decoration-skip-ink", "text-emphasis-color",
    "text-emphasis-position", "text-emphasis-style", "text-wrap-mode", "text-wrap-style", "white-space-collapse", "writing-mode",
    "-webkit-text-fill-color", "-webkit-text-stroke-color", "-webkit-text-stroke-width", "-webkit-tap-highlight-color", "print-color-adjust",
    "list-style-image", "list-style-position", "list-style-type", "border-collapse", "caption-side", "empty-cells",
    "-webkit-border-horizontal-spacing", "-webkit-border-vertical-spacing",
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-dasharray", "stroke-dashoffset", "stroke-linecap", "stroke-linejoin",
    "stroke-miterlimit", "stroke-opacity", "stroke-width", "marker-start", "marker-mid", "marker-end", "paint-order", "shape-rendering",
    "image-rendering", "clip-rule", "color-interpolation", "color-interpolation-filters", "color-rendering", "dominant-baseline", "text-anchor",
  ],
);

/** Properties the "equal to the default" rule must not drop (see above). */
const CONTEXT_DEPENDENT =
  /^(width|height|inline-size|block-size|min-|max-|top|right|bottom|left|inset|margin|transform-origin|perspective-origin|border-.*-(width|color)|outline-(width|color)|column-rule-(width|color)|text-decoration-color|text-emphasis-color|-webkit-text-(fill|stroke)-color|caret-color|accent-color|-webkit-tap-highlight-color|(x|y|cx|cy|r|rx|ry|d)$)/;

const SVG_NS = "http://www.w3.org/2000/svg";

type Values = Map<string, string>;

function longhands(style: CSSStyleDeclaration): Values {
  const values: Values = new Map();
  for (let i = 0; i < style.length; i++) {
    const name = style.item(i);
    values.set(name, style.getPropertyValue(name));
  }
  return values;
}

/** Default computed values per element kind, read from a blank same-origin page. */
class Defaults {
  private readonly frame: HTMLIFrameElement;
  private readonly cache = new Map<string, Values>();
  constructor() {
    this.frame = document.createElement("iframe");
    this.frame.setAttribute("aria-hidden", "true");
    this.frame.tabIndex = -1;
    Object.assign(this.frame.style, { position: "fixed", left: "-10000px", top: "0", width: "10px", height: "10px", visibility: "hidden", border: "0" });
    document.body.append(this.frame);
  }
  of(element: Element): Values {
    const key = `${element.namespaceURI}|${element.localName}`;
    let values = this.cache.get(key);
    if (!values) {
      const doc = this.frame.contentDocument!;
      const probe = doc.createElementNS(element.namespaceURI, element.localName);
      const host = element.namespaceURI === "http://www.w3.org/2000/svg" ? doc.createElementNS("http://www.w3.org/2000/svg", "svg") : doc.body;
      if (host !== doc.body) doc.body.append(host);
      host.append(probe);
      const computed = this.frame.contentWindow!.getComputedStyle(probe);
      values = new Map();
      for (let i = 0; i < computed.length; i++) {
        const name = computed.item(i);
        values.set(name, computed.getPropertyValue(name));
      }
      probe.remove();
      if (host !== doc.body) host.remove();
      this.cache.set(key, values);
    }
    return values;
  }
  dispose() {
    this.frame.remove();
  }
}

function compactElement(element: Element, parent: Values, defaults: Defaults) {
  const style = (element as HTMLElement).style as CSSStyleDeclaration | undefined;
  let own = parent;
  if (style && style.length > 0) {
    own = longhands(style);
    const base = defaults.of(element);
    const svg = element.namespaceURI === SVG_NS;
    for (const [name, value] of own) {
      if (name.startsWith("--")) {
        style.removeProperty(name);
        continue;
      }
      if (style.getPropertyPriority(name) || (svg && element.hasAttribute(name))) continue;
      const inherited = parent.get(name);
      if (INHERITED.has(name) ? value === inherited : value === base.get(name) && value === (inherited ?? value) && !CONTEXT_DEPENDENT.test(name)) {
        style.removeProperty(name);
      }
    }
    if (style.length === 0) element.removeAttribute("style");
  }
  for (const child of element.children) compactElement(child, own, defaults);
}

/** The same SVG with redundant inline style declarations removed. Returns the input unchanged if it cannot be parsed. */
export function compactSvg(svg: string): string {
  const parsed = new DOMParser().parseFromString(svg, "image/svg+xml");
  if (parsed.querySelector("parsererror")) return svg;
  const defaults = new Defaults();
  try {
    const foreign = parsed.documentElement.querySelector("foreignObject");
    // The root keeps every inherited value it has: what it would inherit inside the image is not known here.
    for (const child of foreign?.children ?? []) compactElement(child, new Map(), defaults);
  } finally {
    defaults.dispose();
  }
  return new XMLSerializer().serializeToString(parsed);
}
