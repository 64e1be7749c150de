// The "Erase everything" button on the privacy page.

import { eraseAll, keys } from "./store.mjs";

export function initErase(root) {
  const status = root.querySelector('[data-slot="status"]');
  const button = root.querySelector('[data-action="erase"]');
  const count = () => keys().length;
  status.textContent = count() ? `This site has ${count()} item(s) stored in this browser.` : "This site has nothing stored in this browser.";
  button.addEventListener("click", () => {
    eraseAll();
    try {
      // the theme's own preferences (colour scheme), stored as "<site path>/.__name"
      for (const k of Object.keys(window.localStorage)) if (/\/\.__\w+$/.test(k)) window.localStorage.removeItem(k);
    } catch {
      /* storage unavailable: nothing was stored either */
    }
    status.textContent = count() ? "Some items could not be erased; clear this site's data in your browser's settings." : "Done: nothing from this site is left in this browser.";
  });
}
