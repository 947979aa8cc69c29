// "Checked before?" while a claim is written: a statement field with
// data-checked-before="<url>" shows, under it, the earlier work its text
// repeats (the server renders the list). Asked when the field gets the focus
// (the claim form just opened on a new quote: its quote is matched until a
// statement is typed) and 300 ms after the last keystroke; a newer question
// cancels the one still running, so a stale answer never replaces a fresh one.
(() => {
  const DELAY = 300;
  const MIN_WORDS = 3;
  for (const field of document.querySelectorAll("[data-checked-before]")) {
    const url = field.dataset.checkedBefore;
    const quote = field.form && field.form.elements.quote;
    const box = document.createElement("div");
    box.className = "checked-before-typing";
    box.setAttribute("aria-live", "polite");
    box.dataset.state = "idle";
    box.hidden = true;
    field.insertAdjacentElement("afterend", box);
    let timer = null, running = null, asked = null;

    function text() {
      return (field.value.trim() || (quote ? quote.value.trim() : "")).replace(/\s+/g, " ");
    }
    function ask() {
      clearTimeout(timer);
      const wanted = text();
      if (wanted === asked) return;
      asked = wanted;
      if (running) running.abort();
      running = null;
      if (wanted.split(" ").filter(Boolean).length < MIN_WORDS) {
        box.hidden = true; box.replaceChildren(); box.dataset.state = "idle";
        return;
      }
      const controller = new AbortController();
      running = controller;
      box.dataset.state = "loading";
      fetch(`${url}?${new URLSearchParams({ text: wanted })}`, {
        signal: controller.signal, headers: { Accept: "text/html" }, credentials: "same-origin",
      })
        .then((response) => (response.ok ? response.text() : Promise.reject(new Error(String(response.status)))))
        .then((html) => {
          if (running !== controller) return;
          box.innerHTML = html;
          box.hidden = false;
          box.dataset.state = "done";
          running = null;
        })
        .catch((error) => {
          if (error.name === "AbortError") return;
          box.dataset.state = "failed";
          asked = null;  // asked again at the next keystroke
          running = null;
        });
    }
    field.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(ask, DELAY); });
    field.addEventListener("focus", ask);
    if (field.form) field.form.addEventListener("reset", () => { asked = null; box.hidden = true; });
  }
})();
