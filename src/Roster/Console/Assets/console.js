// Roster's console: keyboard and pointer use of the action menus (Shared/_ActionsMenu.cshtml). Pages work without it.
(() => {
  "use strict";
  document.documentElement.classList.add("js");

  const items = (menu) => Array.from(menu.querySelectorAll('[role="menuitem"]'));

  const close = (menu, focusButton) => {
    const button = menu.querySelector("button[aria-haspopup]");
    menu.classList.remove("open");
    button.setAttribute("aria-expanded", "false");
    if (focusButton) button.focus();
  };

  const open = (menu, index) => {
    document.querySelectorAll("[data-menu].open").forEach((other) => { if (other !== menu) close(other, false); });
    menu.classList.add("open");
    menu.querySelector("button[aria-haspopup]").setAttribute("aria-expanded", "true");
    const list = items(menu);
    if (list.length) list[(index + list.length) % list.length].focus();
  };

  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-menu] > button[aria-haspopup]");
    const inside = event.target.closest("[data-menu]");
    document.querySelectorAll("[data-menu].open").forEach((menu) => { if (menu !== inside) close(menu, false); });
    if (!button) return;
    const menu = button.parentElement;
    if (menu.classList.contains("open")) close(menu, false); else open(menu, 0);
  });

  document.addEventListener("keydown", (event) => {
    const menu = event.target.closest("[data-menu]");
    if (!menu) return;
    const onButton = event.target.matches("button[aria-haspopup]");
    const list = items(menu);
    const at = list.indexOf(event.target);
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        onButton ? open(menu, 0) : list[(at + 1) % list.length].focus();
        break;
      case "ArrowUp":
        event.preventDefault();
        onButton ? open(menu, -1) : list[(at - 1 + list.length) % list.length].focus();
        break;
      case "Home":
        if (!onButton) { event.preventDefault(); list[0].focus(); }
        break;
      case "End":
        if (!onButton) { event.preventDefault(); list[list.length - 1].focus(); }
        break;
      case "Escape":
        if (menu.classList.contains("open")) { event.preventDefault(); close(menu, true); }
        break;
      case "Tab":
        if (menu.classList.contains("open")) close(menu, false);
        break;
      case " ":
        if (!onButton && at >= 0) { event.preventDefault(); event.target.click(); }
        break;
    }
  });
})();
