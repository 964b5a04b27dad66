// Small enhancements; every page works without them.
// A button with data-confirm asks before its form is sent: submitting and approving a
// report cannot be undone by the person who clicked.
document.addEventListener("submit", (event) => {
  const button = event.submitter;
  const question = button && button.dataset.confirm;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

// A form sent is not sent again, unchanged and by the same button, while its answer is on
// the way: on a slow line the page stays and a second click made a second job of the same
// file (or a second save). Typing in the form, another button, a few seconds' wait or
// coming back to the page lets it go again. Listening on document, after the data-confirm
// check and before the unsaved-text guard below, which then still sees it unsent.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (event.defaultPrevented || form.method.toLowerCase() !== "post") {
    return;
  }
  const button = event.submitter;
  const sending = button ? `${button.name}=${button.value}` : "";
  if (form.dataset.sending === sending) {
    event.preventDefault();
    return;
  }
  form.dataset.sending = sending;
  window.setTimeout(() => {
    if (form.dataset.sending === sending) {
      delete form.dataset.sending;
    }
  }, 10000);
});
const changed = (event) => {
  const form = event.target.form;
  if (form) {
    delete form.dataset.sending;
  }
};
document.addEventListener("input", changed);
document.addEventListener("change", changed);
window.addEventListener("pageshow", () => {
  for (const form of document.querySelectorAll("form[data-sending]")) {
    delete form.dataset.sending;
  }
});

// A form marked data-unsaved-warning asks before the page is left with what was typed
// not saved: by a link, the language switch or logging out. Its own buttons save first.
const guarded = document.querySelector("form[data-unsaved-warning]");
if (guarded) {
  let unsaved = false;
  const touched = () => {
    unsaved = true;
  };
  guarded.addEventListener("input", touched);
  guarded.addEventListener("change", touched);
  // Listening on window runs after the data-confirm check, which may cancel the submit.
  window.addEventListener("submit", (event) => {
    if (event.target === guarded && !event.defaultPrevented) {
      unsaved = false;
    }
  });
  window.addEventListener("beforeunload", (event) => {
    if (unsaved) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
}

// A download asked for by a button that first saved the form starts once the page is back.
for (const link of document.querySelectorAll("a[data-auto-download]")) {
  link.click();
  const here = new URL(window.location.href);
  here.searchParams.delete("download"); // reloading the page does not download it again
  window.history.replaceState(null, "", here);
}
