// The annotation workspace: turn a selection in the article text into a
// claim form, with offsets in Unicode code points (what the server counts),
// not the UTF-16 units the browser counts. The text is not editable: the
// arrow keys move and extend the selection themselves (Selection.modify),
// and a drawn caret shows where it is.
(function () {
  "use strict";
  const text = document.getElementById("article-text");
  const form = document.getElementById("claim-form");
  const markButton = document.getElementById("mark-claim");
  const caret = document.getElementById("text-caret");
  if (!text) return;
  const pane = text.parentElement;
  const spans = Array.from(text.querySelectorAll("[data-start]"));
  const starts = spans.map((span) => Number(span.dataset.start));

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

  // The DOM position of a code point offset (the inverse of offsetOf).
  function positionOf(target) {
    let low = 0, high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= target) low = middle; else high = middle - 1;
    }
    const node = spans[low].firstChild;
    return [node, Array.from(node.data).slice(0, target - starts[low]).join("").length];
  }

  function rangeOf(start, end) {
    const range = document.createRange();
    range.setStart(...positionOf(start));
    range.setEnd(...positionOf(end));
    return range;
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

  // The span being marked stays highlighted while the form has the focus
  // (the browser's own selection moves into the form).
  const pending = window.CSS && CSS.highlights && window.Highlight ? CSS.highlights : null;
  function showPending(range) {
    if (pending) range ? pending.set("claim-pending", new Highlight(range)) : pending.delete("claim-pending");
  }

  let span = null; // the selection the "Mark claim" button would mark
  let pressing = false; // a tap on the button may clear the selection before its click
  const formOpen = () => form && !form.hidden;

  // "Mark claim" appears with a selection, whatever made it (mouse, keyboard,
  // a long press): beside its end, or as a bar at the bottom of a phone.
  function offerMark() {
    if (!markButton || formOpen()) return;
    const found = selectedSpan();
    if (!found) {
      if (!pressing) { span = null; markButton.hidden = true; }
      return;
    }
    span = found;
    const rects = window.getSelection().getRangeAt(0).getClientRects();
    const last = rects[rects.length - 1];
    const box = pane.getBoundingClientRect();
    if (last) {
      markButton.style.setProperty("--x", `${Math.max(0, Math.min(last.right - box.left - 40, box.width - 160))}px`);
      markButton.style.setProperty("--y", `${last.bottom - box.top + 6}px`);
    }
    markButton.hidden = false;
  }
  let scheduled = false;
  document.addEventListener("selectionchange", () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => { scheduled = false; offerMark(); showCaret(); });
  });

  function openForm(found = selectedSpan()) {
    if (!form || !found) return false;
    const fresh = form.hidden;
    form.elements.start.value = found.start;
    form.elements.end.value = found.end;
    form.elements.quote.value = found.quote;
    document.getElementById("claim-quote").textContent = found.quote;
    // The statement starts as the quote, ready to be rewritten.
    if (fresh || !form.elements.statement.value.trim()) form.elements.statement.value = found.quote.replace(/\s+/g, " ");
    form.hidden = false;
    if (markButton) markButton.hidden = true;
    placeForm(rangeOf(found.start, found.end));
    form.elements.statement.select();
    return true;
  }

  // The open form in view, and its span highlighted where it can be seen.
  function placeForm(range) {
    showPending(range);
    form.elements.statement.focus({ preventScroll: true });
    if (getComputedStyle(form).position === "fixed") {
      // A phone: the form is a sheet over the bottom of the screen; the span goes above it.
      const top = range.getBoundingClientRect().top;
      if (top < 0 || top > form.getBoundingClientRect().top - 60) window.scrollBy(0, top - 70);
    } else {
      form.scrollIntoView({ block: "nearest" });
    }
  }

  function closeForm() {
    const found = form.elements.start.value !== "" && [Number(form.elements.start.value), Number(form.elements.end.value)];
    form.hidden = true;
    showPending(null);
    text.focus({ preventScroll: true });
    if (found) {
      // Back to the text with the same words selected, for another try.
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(rangeOf(...found));
    }
  }

  if (markButton) {
    markButton.addEventListener("pointerdown", () => { pressing = true; });
    document.addEventListener("pointerup", () => setTimeout(() => { pressing = false; offerMark(); }, 400));
    markButton.addEventListener("mousedown", (event) => event.preventDefault()); // keep the selection
    markButton.addEventListener("click", () => { pressing = false; openForm(span || selectedSpan()); });
  }

  // Keyboard selection in a text that is not editable.
  const MOVES = {
    ArrowLeft: ["backward", "character"], ArrowRight: ["forward", "character"],
    ArrowUp: ["backward", "line"], ArrowDown: ["forward", "line"],
    Home: ["backward", "lineboundary"], End: ["forward", "lineboundary"],
  };
  function caretInText() {
    const selection = window.getSelection();
    if (selection.rangeCount && text.contains(selection.anchorNode) && text.contains(selection.focusNode)) return selection;
    selection.collapse(...positionOf(0));
    return selection;
  }
  function showCaret() {
    if (!caret) return;
    const selection = window.getSelection();
    const shown = document.activeElement === text && selection.rangeCount && selection.isCollapsed
      && text.contains(selection.anchorNode);
    const rect = shown && selection.getRangeAt(0).getClientRects()[0];
    caret.hidden = !rect;
    if (!rect) return;
    const box = pane.getBoundingClientRect();
    caret.style.left = `${rect.left - box.left}px`;
    caret.style.top = `${rect.top - box.top}px`;
    caret.style.height = `${rect.height}px`;
  }
  text.addEventListener("keydown", (event) => {
    if (event.key === "Enter") { event.preventDefault(); openForm(); return; }
    const move = MOVES[event.key];
    if (!move || event.altKey || event.metaKey) return;
    event.preventDefault();
    const selection = caretInText();
    const granularity = event.ctrlKey && move[1] === "character" ? "word" : move[1];
    selection.modify(event.shiftKey ? "extend" : "move", move[0], granularity);
    showCaret();
  });
  // Tabbed into: the caret starts at the beginning of the text.
  text.addEventListener("focus", () => requestAnimationFrame(() => { caretInText(); showCaret(); }));
  text.addEventListener("blur", () => { if (caret) caret.hidden = true; });

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
      if (event.key === "Escape") closeForm();
    });
    form.querySelector("[data-cancel]").addEventListener("click", closeForm);
    // Refused by the server: the form is open again with what was typed; show its span.
    if (!form.hidden && form.elements.start.value !== "") {
      placeForm(rangeOf(Number(form.elements.start.value), Number(form.elements.end.value)));
    }
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
