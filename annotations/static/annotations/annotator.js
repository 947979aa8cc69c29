// The annotation workspace: turn a selection in the article text into a
// claim form, with offsets in Unicode code points (what the server counts),
// not the UTF-16 units the browser counts. The text is contenteditable only
// so that the keyboard can move a caret and extend a selection; every edit
// is refused.
(function () {
  "use strict";
  const text = document.getElementById("article-text");
  const form = document.getElementById("claim-form");
  if (!text) return;

  const codePoints = (s) => Array.from(s).length;

  // The code point offset of a DOM position inside the text.
  function offsetOf(node, offset) {
    if (node === text) {
      const child = text.childNodes[offset];
      return child ? Number(child.dataset.start) : codePoints(text.textContent);
    }
    const span = (node.nodeType === Node.TEXT_NODE ? node.parentElement : node).closest("[data-start]");
    const before = node.nodeType === Node.TEXT_NODE ? node.data.slice(0, offset) : "";
    return Number(span.dataset.start) + codePoints(before);
  }

  function selectedSpan() {
    const selection = window.getSelection();
    if (!selection.rangeCount || selection.isCollapsed) return null;
    const range = selection.getRangeAt(0);
    if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) return null;
    let start = offsetOf(range.startContainer, range.startOffset);
    let end = offsetOf(range.endContainer, range.endOffset);
    let quote = Array.from(range.toString());
    // Leave out white space at the edges (a double click often takes one).
    while (quote.length && /\s/.test(quote[0])) { quote.shift(); start += 1; }
    while (quote.length && /\s/.test(quote[quote.length - 1])) { quote.pop(); end -= 1; }
    return quote.length ? { start, end, quote: quote.join("") } : null;
  }

  function openForm(span = selectedSpan()) {
    if (!form || !span) return false;
    form.elements.start.value = span.start;
    form.elements.end.value = span.end;
    form.elements.quote.value = span.quote;
    document.getElementById("claim-quote").textContent = span.quote;
    form.hidden = false;
    form.elements.statement.focus();
    return true;
  }

  // Read-only, but with a caret.
  for (const type of ["beforeinput", "paste", "drop", "cut"]) {
    text.addEventListener(type, (event) => event.preventDefault());
  }
  text.addEventListener("mouseup", () => setTimeout(() => openForm(), 0));
  text.addEventListener("keydown", (event) => {
    if (event.key === "Enter") { event.preventDefault(); openForm(); }
  });

  // Suggested sentences: A marks one as a claim (the form, with its exact
  // offsets), D dismisses it; a click on one in the text shows its card.
  const characters = Array.from(text.textContent);
  function accept(card) {
    const start = Number(card.dataset.start), end = Number(card.dataset.end);
    openForm({ start, end, quote: characters.slice(start, end).join("") });
  }
  for (const card of document.querySelectorAll("li.suggestion-card")) {
    const button = card.querySelector("[data-accept]");
    if (button) button.addEventListener("click", () => accept(card));
    card.addEventListener("keydown", (event) => {
      if (event.target.closest("select, input, textarea") || event.ctrlKey || event.metaKey || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key === "a" && button) { event.preventDefault(); accept(card); }
      if (key === "d" && card.querySelector("form[data-dismiss]")) {
        event.preventDefault();
        card.querySelector("form[data-dismiss]").requestSubmit();
      }
    });
    const id = card.dataset.sentence;
    card.addEventListener("mouseenter", () => mark(id, true));
    card.addEventListener("mouseleave", () => mark(id, false));
    card.addEventListener("focusin", () => mark(id, true));
    card.addEventListener("focusout", () => mark(id, false));
  }
  function mark(id, on) {
    for (const span of text.querySelectorAll(`[data-sentence="${id}"]`)) span.classList.toggle("active", on);
  }

  if (form) {
    form.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); form.requestSubmit(); }
      if (event.key === "Escape") { form.hidden = true; text.focus(); }
    });
    form.querySelector("[data-cancel]").addEventListener("click", () => { form.hidden = true; text.focus(); });
  }

  // Claims: show which text a claim covers, and move between claims.
  const cards = Array.from(document.querySelectorAll("li.claim"));
  function highlight(id, on) {
    for (const span of text.querySelectorAll(`[data-claims~="${id}"]`)) span.classList.toggle("active", on);
  }
  for (const card of cards) {
    const id = card.dataset.claim;
    card.addEventListener("mouseenter", () => highlight(id, true));
    card.addEventListener("mouseleave", () => highlight(id, false));
    card.addEventListener("focusin", () => highlight(id, true));
    card.addEventListener("focusout", () => highlight(id, false));
  }
  text.addEventListener("click", (event) => {
    if (!window.getSelection().isCollapsed) return;
    const suggested = event.target.closest("[data-sentence]");
    if (suggested && !suggested.dataset.claims) {
      const card = document.getElementById(`sentence-${suggested.dataset.sentence}`);
      if (card) { card.focus(); card.scrollIntoView({ block: "nearest" }); }
      return;
    }
    const span = event.target.closest("[data-claims]");
    if (!span) return;
    const card = document.getElementById(`claim-${span.dataset.claims.split(" ").pop()}`);
    if (card) { card.focus(); card.scrollIntoView({ block: "nearest" }); }
  });
  // Right after a claim is marked (or saved) the page opens at it: show at
  // once whether it was checked before. On "load", once htmx listens.
  window.addEventListener("load", () => {
    const match = /^#claim-(\d+)$/.exec(window.location.hash);
    const card = match && document.getElementById(`claim-${match[1]}`);
    const panel = card && card.querySelector("details.checked-before");
    if (panel) panel.open = true;
  });
  document.addEventListener("keydown", (event) => {
    if (!event.altKey || (event.key !== "ArrowDown" && event.key !== "ArrowUp")) return;
    event.preventDefault();
    const current = cards.indexOf(document.activeElement.closest("li.claim"));
    const next = cards[event.key === "ArrowDown" ? current + 1 : (current < 0 ? cards.length : current) - 1];
    if (next) {
      next.focus();
      const first = text.querySelector(`[data-claims~="${next.dataset.claim}"]`);
      if (first) first.scrollIntoView({ block: "center" });
    }
  });
})();
