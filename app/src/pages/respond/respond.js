// A young person's pages, in place, where JavaScript runs (`RespondScript`): "I want to take
// part" brings the questions without a reload, the answers are sent in the background and what
// the server says replaces the step, a send that cannot reach the server is tried again by itself,
// and the share block's link can be copied. Without this file every step is the same link or form
// post, and the server renders every outcome, so nothing here decides anything.
//
// Nothing typed is kept outside this page: not in localStorage, sessionStorage or any cache, where
// a shared family phone would keep a child's words.

/** How long an unsent form waits before it is tried again without an `online` event. */
const RETRY_MS = 30_000;

const main = document.getElementById("main");

/** The page a response holds, parsed (its scripts do not run), or nothing when it is not one of
 * ours: a proxy's error page is treated as the server not reached. */
async function read(response) {
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  return page.getElementById("main") ? page : null;
}

/** Puts `page`'s content in place of this one's, as a reload would, and takes the focus where
 * to go on from: a message that needs reading, else the top of the new step. */
function show(page) {
  main.replaceChildren(...page.getElementById("main").childNodes);
  document.title = page.title;
  offerCopy();
  window.scrollTo(0, 0);
  (main.querySelector(".error-summary:not([hidden])") ?? main.querySelector(".flow") ?? main).focus();
}

// "I want to take part": the questions put in place of the intro.
document.addEventListener("click", async (event) => {
  const link = event.target.closest("a[data-step]");
  // A click to open it elsewhere (a new tab, a new window) is the browser's.
  if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
  event.preventDefault();
  const page = await fetch(link.href).then(read).catch(() => null);
  if (page) show(page);
  else location.assign(link.href); // as without JavaScript: the browser says what went wrong
});

document.addEventListener("submit", async (event) => {
  const form = event.target;
  // The language buttons post elsewhere on purpose: the page comes back in that language.
  if (!form.matches("form.answers") || event.submitter?.hasAttribute("formaction")) return;
  event.preventDefault();
  const button = form.querySelector("button.primary");
  if (button.disabled) return; // a double tap sends once; a preview sends nothing
  const label = button.textContent;
  button.disabled = true;
  button.textContent = button.dataset.sending;

  let sent = await send(form);
  if (!sent) say(form, form.dataset.offline);
  // Not reached (offline, or the server down): again once the browser is back online, or every
  // half minute, read afresh so what is typed meanwhile goes too. The form's token makes it count
  // once however often it arrives.
  while (!sent) {
    await backOnlineOr(RETRY_MS);
    sent = await send(form);
  }
  if (sent.status === 409) {
    // Closed while it was being filled in: nothing stored, and the text stays to copy.
    say(form, form.dataset.closed);
    button.disabled = false;
    button.textContent = label;
    return;
  }
  // Thanked, or the form again with what needs changing: what was typed while the answers
  // travelled goes into it.
  show(sent.page);
  keepTyped(form);
});

/** The form posted as a browser without JavaScript posts it; the status and page that came
 * back, or nothing when the server was not reached. */
async function send(form) {
  try {
    const response = await fetch(form.action, {
      method: "POST",
      body: new URLSearchParams(new FormData(form)),
    });
    const page = await read(response);
    return page && { status: response.status, page };
  } catch {
    return null;
  }
}

/** Shows `message` above the form, where a screen reader announces it. */
function say(form, message) {
  const summary = form.querySelector(".error-summary");
  summary.querySelector("p").textContent = message;
  summary.hidden = false;
  summary.focus();
}

/** Resolves when the browser says it is back online, or after `ms`. */
function backOnlineOr(ms) {
  return new Promise((resolve) => {
    addEventListener("online", resolve, { once: true });
    setTimeout(resolve, ms);
  });
}

/** Copies the answers in `sent` (a form no longer shown) into the fields of the same ids now on
 * the page. */
function keepTyped(sent) {
  for (const field of sent.elements) {
    const now = field.id && document.getElementById(field.id);
    if (!now) continue;
    if (field.type === "radio" || field.type === "checkbox") now.checked = field.checked;
    else if (field.tagName === "TEXTAREA") now.value = field.value;
  }
}

// "Copy the link": selects it, then copies it where the browser lets us (the clipboard exists
// only on HTTPS pages, and may be refused).
document.addEventListener("click", async (event) => {
  const button = event.target.closest("button[data-copy]");
  if (!button) return;
  const input = document.getElementById(button.dataset.copy);
  input.select();
  const copied = await navigator.clipboard?.writeText(input.value).then(() => true, () => false);
  button.nextElementSibling.textContent = copied ? button.dataset.copied : button.dataset.selected;
});

function offerCopy() {
  for (const button of document.querySelectorAll("button[data-copy]")) button.hidden = false;
}

offerCopy();
// Tests and tools wait for this: from here on, the page works in place.
main.dataset.ready = "true";
