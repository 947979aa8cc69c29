// Small behaviours shared by the pages (no inline scripts: the CSP forbids them).
(function () {
  "use strict";
  for (const select of document.querySelectorAll("select[data-autosubmit]")) {
    select.addEventListener("change", () => select.form.submit());
  }
  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-confirm]");
    if (!button) return;
    if (!window.confirm(button.dataset.confirm)) {
      event.preventDefault();
      return;
    }
    // Confirmed here: the server asks again only where this dialog could not.
    let confirmed = button.form.querySelector("input[name=confirmed]");
    if (!confirmed) {
      confirmed = Object.assign(document.createElement("input"), { type: "hidden", name: "confirmed", value: "1" });
      button.form.append(confirmed);
    }
  });
})();
