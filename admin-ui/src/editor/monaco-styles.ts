// Monaco injects its CSS into document.head (Vite turns the ESM build's CSS
// imports into <style>/<link> there); a shadow root sees none of it. Each editor's
// shadow root adopts one constructed copy of those rules. @font-face rules stay in
// the document, where fonts must be declared to work inside shadow roots too.

let sheet: CSSStyleSheet | undefined;
let observer: MutationObserver | undefined;
const roots = new Set<ShadowRoot>();

function isMonacoSheet(s: CSSStyleSheet): boolean {
  try {
    const rules = s.cssRules;
    for (let i = 0; i < Math.min(rules.length, 400); i++) if (/monaco|codicon/.test((rules[i] as CSSRule).cssText)) return true;
  } catch {
    // A cross-origin sheet: not Monaco's, which is served from our origin.
  }
  return false;
}

function collect(): string {
  const parts: string[] = [];
  for (const s of Array.from(document.styleSheets)) {
    if (!isMonacoSheet(s)) continue;
    for (const rule of Array.from(s.cssRules)) if (!(rule instanceof CSSFontFaceRule)) parts.push(rule.cssText);
  }
  return parts.join('\n');
}

function refresh(): void {
  sheet ??= new CSSStyleSheet();
  sheet.replaceSync(collect());
}

/** Gives `root` Monaco's styles, now and as Monaco adds more (widgets load their CSS lazily in development). */
export function adoptMonacoStyles(root: ShadowRoot): () => void {
  if (!sheet) refresh();
  // A <link> has no rules until it loads: refresh again then.
  observer ??= new MutationObserver((records) => {
    for (const r of records) for (const n of Array.from(r.addedNodes)) if (n instanceof HTMLLinkElement) n.addEventListener('load', refresh, { once: true });
    refresh();
  });
  observer.observe(document.head, { childList: true });
  if (!root.adoptedStyleSheets.includes(sheet as CSSStyleSheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet as CSSStyleSheet];
  roots.add(root);
  return () => {
    roots.delete(root);
    if (roots.size === 0) observer?.disconnect();
  };
}
