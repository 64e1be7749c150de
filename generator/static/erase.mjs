// The "Erase everything" button on the privacy page: this site's own keys, and the theme's
// preferences for this site only (other sites on the same origin keep theirs).

import { pageTranslator } from "./i18n.mjs";
import { eraseAll, keys, SITE_PATH } from "./store.mjs";

/** The path Material scopes its preferences to: its `__md_scope` when set, else this site's. */
function themeScope() {
  const scope = globalThis.__md_scope;
  return scope instanceof URL ? scope.pathname : SITE_PATH;
}

/** Material's keys for this site: "<scope>.__<name>", e.g. "/a/.__palette". */
export function isThemeKey(key, scope) {
  return key.startsWith(`${scope}.__`) && /^\w+$/.test(key.slice(scope.length + 3));
}

export function initErase(root) {
  const status = root.querySelector('[data-slot="status"]');
  const button = root.querySelector('[data-action="erase"]');
  const count = () => keys().length;
  const t = pageTranslator(root.ownerDocument);
  status.textContent = count() ? t("erase.stored", { count: count() }) : t("erase.nothing");
  button.addEventListener("click", () => {
    eraseAll();
    try {
      const scope = themeScope();
      for (const k of Object.keys(window.localStorage)) if (isThemeKey(k, scope)) window.localStorage.removeItem(k);
    } catch {
      /* storage unavailable: nothing was stored either */
    }
    status.textContent = count() ? t("erase.failed") : t("erase.done");
  });
}
